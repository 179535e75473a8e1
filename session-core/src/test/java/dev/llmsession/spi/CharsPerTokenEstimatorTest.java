package dev.llmsession.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CharsPerTokenEstimatorTest {
    private final TokenEstimator estimator = TokenEstimator.charsPerToken();

    @Test
    void estimateText_fourCharactersPerToken_roundsUp() {
        assertThat(estimator.estimateText("")).isZero();
        assertThat(estimator.estimateText("a")).isEqualTo(1);
        assertThat(estimator.estimateText("abcd")).isEqualTo(1);
        assertThat(estimator.estimateText("abcde")).isEqualTo(2);
        assertThat(estimator.estimateText("x".repeat(4_000))).isEqualTo(1_000);
    }

    @Test
    void estimateConversation_noMessages_isTheBaseOfAThousand() {
        assertThat(estimator.estimateConversation(0, 0)).isEqualTo(1_000);
    }

    @Test
    void estimateConversation_messagesAndCharacters_isBasePlus200PerMessagePlusCharactersOver4() {
        assertThat(estimator.estimateConversation(1, 0)).isEqualTo(1_200);
        assertThat(estimator.estimateConversation(10, 4_000)).isEqualTo(1_000 + 2_000 + 1_000);
        assertThat(estimator.estimateConversation(3, 10)).isEqualTo(1_000 + 600 + 3);
    }

    @Test
    void estimateConversation_largeAttachments_doNotOverflowInt() {
        assertThat(estimator.estimateConversation(0, 40_000_000_000L)).isEqualTo(10_000_001_000L);
    }

    @Test
    void estimateConversation_negativeInput_isRejected() {
        assertThatThrownBy(() -> estimator.estimateConversation(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> estimator.estimateConversation(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void estimateFile_bytesOver4_andNothingForAMissingFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a.txt"), "x".repeat(401));
        assertThat(estimator.estimateFile(file)).isEqualTo(101);
        assertThat(estimator.estimateFile(dir.resolve("missing"))).isZero();
        assertThat(estimator.estimateFile(dir)).isZero();
    }
}
