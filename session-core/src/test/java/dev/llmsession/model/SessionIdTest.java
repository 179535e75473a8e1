package dev.llmsession.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class SessionIdTest {
    private static final SessionId ID = new SessionId("claude", "4d5611e5-241a-4c3b-9f7e-0123456789ab");

    @Test
    void value_joinsPrefixAndNativeIdWithAnUnderscore() {
        assertThat(ID.value()).isEqualTo("claude_4d5611e5-241a-4c3b-9f7e-0123456789ab");
        assertThat(ID).hasToString(ID.value());
    }

    @Test
    void equals_sameParts_isEqualWithTheSameHash_otherParts_areNot() {
        SessionId same = new SessionId(new String("claude"), new String(ID.nativeId()));
        assertThat(same).isEqualTo(ID).hasSameHashCodeAs(ID);
        assertThat(ID).isNotEqualTo(new SessionId("cursor", ID.nativeId()))
                .isNotEqualTo(new SessionId("claude", ID.nativeId() + "0"))
                .isNotEqualTo(ID.value())
                .isNotEqualTo(null);
        // the parts stay apart: no two ids whose joined values agree are taken for one another
        assertThat(new SessionId("a1", "b")).isNotEqualTo(new SessionId("a", "1b"));
    }

    @Test
    void shortValue_longId_isTheFirstTwelveCharacters() {
        assertThat(ID.shortValue()).isEqualTo("claude_4d561").hasSize(SessionId.SHORT_LENGTH);
        assertThat(SessionId.SHORT_LENGTH).isEqualTo(12);
    }

    @Test
    void shortValue_shortId_isTheWholeId() {
        assertThat(new SessionId("cursor", "ab12").shortValue()).isEqualTo("cursor_ab12");
        assertThat(new SessionId("claude", "12345").shortValue()).isEqualTo("claude_12345");
    }

    @Test
    void matches_prefixOfTheFullId_isTrue() {
        assertThat(ID.matches("claude_4d56")).isTrue();
        assertThat(ID.matches("claude_")).isTrue();
        assertThat(ID.matches("cl")).isTrue();
        assertThat(ID.matches(ID.value())).isTrue();
    }

    @Test
    void matches_prefixOfTheNativeIdWithoutAssistantPrefix_isTrue() {
        assertThat(ID.matches("4d56")).isTrue();
        assertThat(ID.matches("4d5611e5-241a")).isTrue();
        assertThat(ID.matches(ID.nativeId())).isTrue();
    }

    @Test
    void matches_otherCase_isTrue() {
        assertThat(ID.matches("CLAUDE_4D56")).isTrue();
        assertThat(ID.matches("4D5611E5")).isTrue();
        assertThat(new SessionId("claude", "ABCdef").matches("claude_abcDEF")).isTrue();
    }

    @Test
    void matches_somethingElse_isFalse() {
        assertThat(ID.matches("4d57")).isFalse();
        assertThat(ID.matches("cursor_4d56")).isFalse();
        assertThat(ID.matches("d5611e5")).as("infix, not a prefix").isFalse();
        assertThat(ID.matches(ID.value() + "x")).isFalse();
    }

    @Test
    void matches_emptyQuery_isFalse() {
        assertThat(ID.matches("")).isFalse();
    }

    @Test
    void new_badPrefix_isRejected() {
        assertThatThrownBy(() -> new SessionId("Claude", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionId("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionId("cl_aude", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void new_emptyNativeId_isRejected() {
        assertThatThrownBy(() -> new SessionId("claude", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equals_sameParts_isEqual() {
        assertThat(new SessionId("claude", "abc")).isEqualTo(new SessionId("claude", "abc"))
                .hasSameHashCodeAs(new SessionId("claude", "abc"));
    }
}
