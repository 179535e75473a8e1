package dev.llmsession.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmsession.model.Compaction;
import dev.llmsession.model.ContextError;
import dev.llmsession.model.ContextMessage;
import dev.llmsession.model.ContextPack;
import dev.llmsession.model.FileActivity;
import dev.llmsession.model.SessionContext;
import dev.llmsession.model.TodoItem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class SecretRedactorTest {
    // Built at run time so no scanner mistakes this file for one holding real keys.
    static final Map<String, String> SECRETS = Map.ofEntries(
            Map.entry("anthropic-key", "sk-ant-" + "api03-" + "Ab1_Cd2-".repeat(6)),
            Map.entry("openai-key", "sk-" + "proj-" + "Zy9Xw8Vu7".repeat(5)),
            Map.entry("openai-legacy", "sk-" + "Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8L9z0X1c2V3b4"),
            Map.entry("aws-access-key", "AKIA" + "IOSFODNN7EXAMPLE"),
            Map.entry("github-token", "ghp" + "_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"),
            Map.entry("github-pat", "github" + "_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"),
            Map.entry("slack-token", "xox" + "b-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOp"),
            Map.entry("google-key", "AIza" + "SyD-1234567890abcdefghijklmnopqrstu"));

    private static String redacted(String text) {
        return SecretRedactor.standard().redact(text).text();
    }

    @Test
    void redact_eachProviderKey_replacedWithItsKind() {
        SECRETS.forEach((kind, secret) -> {
            String out = redacted("use " + secret + " please");
            assertThat(out).as(kind).doesNotContain(secret).startsWith("use [REDACTED:").endsWith("] please");
        });
    }

    @Test
    void redact_privateKeyBlock_wholeBlockEvenWhenItsEndWasTrimmed() {
        String block = "-----BEGIN RSA " + "PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234\nabcd\n-----END RSA PRIVATE KEY-----";
        String cut = "-----BEGIN OPENSSH " + "PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA […trimmed]";

        assertThat(redacted("key:\n" + block + "\ndone")).isEqualTo("key:\n[REDACTED:private-key]\ndone");
        assertThat(redacted(cut)).isEqualTo("[REDACTED:private-key]");
    }

    @Test
    void redact_bearerAndAssignments_keepTheNameLoseTheValue() {
        assertThat(redacted("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig"))
                .isEqualTo("Authorization: Bearer [REDACTED:bearer-token]");
        assertThat(redacted("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
                .isEqualTo("aws_secret_access_key = [REDACTED:aws-secret-key]");
        assertThat(redacted("DB_PASSWORD=hunter2hunter\nSTRIPE_SECRET='s3cr3tvalue'\nexport GH_TOKEN=abcd1234"))
                .isEqualTo("DB_PASSWORD=[REDACTED:secret-assignment]\nSTRIPE_SECRET='[REDACTED:secret-assignment]'"
                        + "\nexport GH_TOKEN=[REDACTED:secret-assignment]");
        assertThat(redacted("{\"api_key\": \"abcd-efgh-ijkl\"}")).isEqualTo("{\"api_key\": \"[REDACTED:secret-assignment]\"}");
    }

    @Test
    void redact_ordinaryText_untouchedAndCountedZero() {
        String text = "input_tokens: 233, max_tokens=100; see src/main/Key.java and the monkey patch";

        SecretRedactor.Redacted r = SecretRedactor.standard().redact(text);

        assertThat(r.text()).isEqualTo(text);
        assertThat(r.count()).isZero();
    }

    @Test
    void redact_keyNamedInAnAssignment_countedOnce() {
        SecretRedactor.Redacted r = SecretRedactor.standard().redact("ANTHROPIC_API_KEY=" + SECRETS.get("anthropic-key"));

        assertThat(r.text()).isEqualTo("ANTHROPIC_API_KEY=[REDACTED:anthropic-key]");
        assertThat(r.count()).isEqualTo(1);
    }

    @Test
    void redact_pack_everyStringAndTheCount() {
        String k = SECRETS.get("github-token");
        Instant t = Instant.parse("2026-02-12T16:00:00Z");
        SessionContext ctx = new SessionContext(List.of(new ContextMessage("user", Optional.of(t), "goal " + k, false)),
                List.of(new ContextMessage("assistant", Optional.empty(), "msg " + k, false)),
                Optional.of(new Compaction(Optional.empty(), "summary " + k, false)),
                List.of(new FileActivity("/p/" + k, 1, 0, 0)),
                List.of(new TodoItem("todo " + k, "pending", Optional.of("doing " + k))),
                List.of(new ContextError(Optional.empty(), "tool", "err " + k)));
        ContextPack pack = new ContextPack(1, t, new ContextPack.Source("claude-code", "claude_x", Optional.of("/w/" + k),
                Optional.of("b"), Optional.empty(), Optional.of("title " + k), t, t),
                new ContextPack.Figures(OptionalInt.empty(), "unknown", OptionalLong.empty(), 200_000,
                        OptionalLong.empty(), OptionalLong.empty(), "unknown", Optional.empty()),
                ctx, ContextPack.Redaction.NONE);

        ContextPack out = SecretRedactor.standard().redact(pack);

        assertThat(out.toString()).doesNotContain(k);
        assertThat(out.redaction()).isEqualTo(new ContextPack.Redaction(true, 9));
    }
}
