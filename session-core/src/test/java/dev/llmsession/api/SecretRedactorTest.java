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

    /**
     * The 21 kinds an outside pass found leaking, each as it appears in a transcript: the text, the part that must
     * go, and the kind it must be named. Pieces are joined at run time so no scanner flags this file.
     */
    static final List<List<String>> LEAKED = List.of(
            List.of("token " + "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0"
                    + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", "eyJzdWIiOiIxMjM0NTY3ODkwIn0", "jwt"),
            List.of("stripe " + "sk_" + "live_" + "51H8aBcDeFgHiJkLmNoPqRsTu", "51H8aBcDeFgHiJkLmNoPqRsTu", "stripe-key"),
            List.of("stripe " + "rk_" + "live_" + "51H8aBcDeFgHiJkLmNoPqRsTu", "51H8aBcDeFgHiJkLmNoPqRsTu", "stripe-key"),
            List.of("DATABASE_URL=postgres://app:" + "Pg5ecret!x" + "@db.internal:5432/app", "Pg5ecret!x", "database-url"),
            List.of("mysql://root:" + "My5qlPw" + "@127.0.0.1/shop", "My5qlPw", "database-url"),
            List.of("uri mongodb+srv://admin:" + "M0ngoPass" + "@cluster0.abcde.mongodb.net/db", "M0ngoPass", "database-url"),
            List.of("redis://:" + "R3disPass" + "@cache:6379/0", "R3disPass", "database-url"),
            List.of("git clone https://alice:" + "hunter2pw" + "@git.example.com/r.git", "hunter2pw", "url-credentials"),
            List.of("curl " + "https://hooks.slack.com/services/" + "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
                    "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", "slack-webhook"),
            List.of("https://acct.blob.core.windows.net/c/f?sv=2022-11-02&se=2026-01-01&sp=r&sig="
                    + "aBcD1234eFgH5678iJkL%2BmNoP%3D", "aBcD1234eFgH5678iJkL", "azure-sas"),
            List.of("Authorization: Basic " + "YWxpY2U6czNjcjN0UGFzcw==", "YWxpY2U6czNjcjN0UGFzcw==", "basic-auth"),
            List.of("//registry.npmjs.org/:_authToken " + "npm_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "a1B2c3D4e5F6g7H8i9J0",
                    "npm-token"),
            List.of("HF " + "hf_" + "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh", "AbCdEfGhIjKlMnOpQrStUvWxYz", "huggingface-token"),
            List.of("gitlab " + "glpat-" + "xY9z8W7v6U5t4S3r2Q1p", "xY9z8W7v6U5t4S3r2Q1p", "gitlab-token"),
            List.of("sendgrid " + "SG." + "aBcDeFgHiJkLmNoPqRsTuV" + "." + "wXyZ0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ01234",
                    "wXyZ0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ01234", "sendgrid-key"),
            List.of("twilio " + "SK" + "0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef", "twilio-key"),
            List.of("db_pass=" + "Tr0ub4dor", "Tr0ub4dor", "secret-assignment"),
            List.of("MYSQL_PWD=" + "s3cretpw", "s3cretpw", "secret-assignment"),
            List.of("mysql -u root -h db " + "-p" + "PaSsW0rd shop", "PaSsW0rd", "mysql-password"),
            List.of("secret is " + "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY" + " ok",
                    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "aws-secret-key"),
            List.of("\"private_key_id\": \"" + "3f2a9c1b7e6d5a4f3e2d1c0b9a8f7e6d5c4b3a21" + "\",",
                    "3f2a9c1b7e6d5a4f3e2d1c0b9a8f7e6d5c4b3a21", "gcp-private-key-id"));

    /** The other families of gitleaks' default rules that appear in coding sessions, one sample each. */
    static final List<List<String>> FAMILIES = List.of(
            List.of("glrt-" + "Ab12Cd34Ef56Gh78Ij90", "gitlab-token"),
            List.of("xapp" + "-1-A0123456789-0123456789012-abcdef0123", "slack-token"),
            List.of("GOCSPX-" + "AbCdEfGhIjKlMnOpQrStUvWxYz12", "google-oauth"),
            List.of("ya29." + "a0AfH6SMBxYz0123456789abcdefghij", "google-oauth"),
            List.of("pypi-AgEIcHlwaS5vcmc" + "CJDQ2ZmQ3YjM4LTc0ZjItNGM1Yy1iMzY5LWM5N2E2YjY3", "pypi-token"),
            List.of("shpat_" + "0123456789abcdef0123456789abcdef", "shopify-token"),
            List.of("dop_v1_" + "0123456789abcdef".repeat(4), "digitalocean-token"),
            List.of("dapi" + "0123456789abcdef0123456789abcdef", "databricks-token"),
            List.of("key-" + "0123456789abcdef0123456789abcdef", "mailgun-key"),
            List.of("0123456789abcdef0123456789abcdef" + "-us12", "mailchimp-key"),
            List.of("123456789:AA" + "Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1", "telegram-bot-token"),
            List.of("AGE-SECRET-KEY-1" + "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L".repeat(2).substring(0, 58), "age-secret-key"),
            List.of("hvs." + "CAESIAbCdEfGhIjKlMnOpQrStUvWxYz", "vault-token"),
            List.of("dp.pt." + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfG", "doppler-token"),
            List.of("lin_api_" + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCd", "linear-key"),
            List.of("PMAK-" + "0123456789abcdef01234567-0123456789abcdef0123456789abcdef01", "postman-key"),
            List.of("pul-" + "0123456789abcdef0123456789abcdef01234567", "pulumi-token"),
            List.of("glsa_" + "AbCdEfGhIjKlMnOpQrStUvWxYz012345_0123abcd", "grafana-token"),
            List.of("NRAK-" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ0", "newrelic-key"),
            List.of("sq0atp-" + "AbCdEfGhIjKlMnOpQrStUv", "square-token"),
            List.of("LTAI" + "AbCdEfGhIjKlMnOpQrSt", "alibaba-key"),
            List.of("abc" + "8Q~" + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456", "azure-ad-secret"),
            List.of("gsk_" + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKl", "groq-key"),
            List.of("r8_" + "AbCdEfGhIjKlMnOpQrStUvWxYz01234567890", "replicate-token"),
            List.of("whsec_" + "AbCdEfGhIjKlMnOpQrStUvWx", "stripe-key"),
            List.of("ATATT3" + "xFfGF0AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUv", "atlassian-token"));

    @Test
    void redact_eachLeakedKind_goneAndNamed() {
        for (List<String> c : LEAKED) {
            SecretRedactor.Redacted r = SecretRedactor.standard().redact(c.get(0));
            assertThat(r.text()).as(c.get(2) + " in " + c.get(0)).doesNotContain(c.get(1))
                    .contains("[REDACTED:" + c.get(2) + "]");
            assertThat(r.count()).as(c.get(0)).isEqualTo(1);
        }
    }

    @Test
    void redact_eachOtherFamily_goneAndNamed() {
        for (List<String> c : FAMILIES) {
            assertThat(redacted("x " + c.get(0) + " y")).as(c.get(1)).isEqualTo("x [REDACTED:" + c.get(1) + "] y");
        }
    }

    @Test
    void redact_urlCredentials_keepSchemeUserAndHost() {
        assertThat(redacted("postgres://app:" + "Pg5ecret" + "@db:5432/app"))
                .isEqualTo("postgres://app:[REDACTED:database-url]@db:5432/app");
        assertThat(redacted("Authorization: Basic " + "YWxpY2U6czNjcjN0UGFzcw=="))
                .isEqualTo("Authorization: Basic [REDACTED:basic-auth]");
        assertThat(redacted("mysqldump -uroot " + "-p" + "Xy12 db")).isEqualTo("mysqldump -uroot -p[REDACTED:mysql-password] db");
    }

    @Test
    void redact_highEntropyAssignment_anyNameLongRandomValue() {
        String value = "q8Zr2" + "Lx7Vb0Nk4Tw9Hd3Mp6Ys";
        assertThat(redacted("SESSION_COOKIE=" + value)).isEqualTo("SESSION_COOKIE=[REDACTED:high-entropy-assignment]");
        assertThat(redacted("{\"signing\": \"" + value + "\"}"))
                .isEqualTo("{\"signing\": \"[REDACTED:high-entropy-assignment]\"}");
    }

    @Test
    void redact_lookalikes_untouched() {
        List<String> ordinary = List.of(
                "commit=3f2a9c1b7e6d5a4f3e2d1c0b9a8f7e6d5c4b3a21 id: 123e4567-e89b-12d3-a456-426614174000",
                "Use Basic authentication over https://example.com:8443/path@v2 and bypass=true",
                "file=src/main/java/dev/llmsession/cli/render/TableLayout.java at 2026-02-12T16:00:00Z",
                "model: claude-opus-4-5-20251101, const handler = createRequestHandlerForX;",
                "run mysql -u root and see the -p flag; the git hash 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b",
                "a jwt looks like eyJ... and a stripe key starts sk_live_");
        ordinary.forEach(text -> assertThat(redacted(text)).as(text).isEqualTo(text));
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
