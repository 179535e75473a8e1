package dev.llmsession.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.cli.context.Canonical;
import dev.llmsession.cli.context.PackCodec;
import dev.llmsession.cli.context.SafeFiles;
import dev.llmsession.error.WriteException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redaction of every kind of secret, hostile imports, and the write rules. One HOME, one export and one import
 * for the class: each test compares what it needs before and after itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ContextSafetyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SID = "5ec0e7aa-0000-4000-8000-000000000002";

    // Built at run time so no scanner mistakes this file for one holding real keys.
    private static final Map<String, String> SECRETS = Map.ofEntries(
            Map.entry("anthropic", "sk-ant-" + "api03-" + "Ab1_Cd2-".repeat(6)),
            Map.entry("openai", "sk-" + "proj-" + "Zy9Xw8Vu7".repeat(5)),
            Map.entry("aws-id", "AKIA" + "IOSFODNN7EXAMPLE"),
            Map.entry("aws-secret", "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY"),
            Map.entry("github", "ghp" + "_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"),
            Map.entry("slack", "xox" + "b-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOp"),
            Map.entry("google", "AIza" + "SyD-1234567890abcdefghijklmnopqrstu"),
            Map.entry("private-key-body", "MIIEowIBAAKCAQEAsecretkeymaterial0123456789"),
            Map.entry("bearer", "eyJhbGciOiJIUzI1NiJ9" + ".c2VjcmV0.signature123"),
            Map.entry("env", "hunter2-" + "correct-horse"));

    @TempDir
    static Path tmp;
    ContextHome home;
    Path pack;

    @BeforeAll
    void exportOnePack() throws IOException {
        home = new ContextHome(tmp).withSession(SID, secretSession());
        pack = tmp.resolve("pack.json");
        CliRun.Result r = home.run("export", "5ec0e7aa", "-o", pack.toString());
        assertThat(r.code()).as(r.err()).isZero();
        CliRun.Result imported = home.run("import-context", pack.toString(), "--write", tmp.resolve("first.md").toString());
        assertThat(imported.code()).as(imported.err()).isZero();
    }

    private static String line(String type, String time, String message) {
        return "{\"type\":\"" + type + "\",\"sessionId\":\"" + SID + "\",\"cwd\":\"/work/keys\",\"timestamp\":\"" + time
                + "\",\"message\":" + message + "}";
    }

    private static String q(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One secret of each kind, in prompts, answers, tool errors, todos and file paths. */
    private static String[] secretSession() {
        String pem = "-----BEGIN RSA " + "PRIVATE KEY-----\n" + SECRETS.get("private-key-body")
                + "\n-----END RSA PRIVATE KEY-----";
        return new String[] {
            line("user", "2026-02-12T10:00:00Z", "{\"role\":\"user\",\"content\":" + q("Use ANTHROPIC_API_KEY="
                    + SECRETS.get("anthropic") + " and " + SECRETS.get("openai") + " to call both APIs") + "}"),
            line("assistant", "2026-02-12T10:00:05Z", "{\"id\":\"m1\",\"role\":\"assistant\",\"content\":[{\"type\":"
                    + "\"text\",\"text\":" + q("Set AWS " + SECRETS.get("aws-id") + " with aws_secret_access_key = "
                    + SECRETS.get("aws-secret") + " and curl -H 'Authorization: Bearer " + SECRETS.get("bearer")
                    + "'") + "},{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Read\",\"input\":{\"file_path\":"
                    + q("/work/keys/" + SECRETS.get("github") + ".txt") + "}},{\"type\":\"tool_use\",\"id\":\"t2\","
                    + "\"name\":\"TodoWrite\",\"input\":{\"todos\":[{\"content\":" + q("rotate " + SECRETS.get("slack"))
                    + ",\"status\":\"pending\",\"activeForm\":\"rotating\"}]}}]}"),
            line("user", "2026-02-12T10:00:09Z", "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                    + "\"tool_use_id\":\"t1\",\"is_error\":true,\"content\":" + q("bad key " + SECRETS.get("google")
                    + "\n" + pem) + "}]}"),
            line("user", "2026-02-12T10:01:00Z", "{\"role\":\"user\",\"content\":" + q("also DB_PASSWORD="
                    + SECRETS.get("env") + " from .env") + "}")};
    }

    @Test
    void redaction_noSecretInThePackTheMarkdownOrThePrimer() throws Exception {
        Path gz = tmp.resolve("pack.json.gz");
        Path md = tmp.resolve("brief.md");
        Path primer = tmp.resolve("primer.md");
        assertThat(home.run("export", "5ec0e7aa", "-o", gz.toString()).code()).isZero();
        assertThat(home.run("export", "5ec0e7aa", "--format", "markdown", "-o", md.toString()).code()).isZero();
        CliRun.Result printed = home.run("import-context", pack.toString());
        assertThat(home.run("import-context", gz.toString(), "--write", primer.toString()).code()).isZero();

        byte[] gunzipped;
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            gunzipped = in.readAllBytes();
        }
        List<byte[]> outputs = List.of(Files.readAllBytes(pack), gunzipped, Files.readAllBytes(md),
                Files.readAllBytes(primer), printed.out().getBytes(StandardCharsets.UTF_8),
                Files.readAllBytes(tmp.resolve("first.md")));
        for (byte[] out : outputs) {
            for (Map.Entry<String, String> secret : SECRETS.entrySet()) {
                assertThat(indexOf(out, secret.getValue().getBytes(StandardCharsets.UTF_8))).as(secret.getKey())
                        .isEqualTo(-1);
            }
        }
        // the pack still says what was there
        String text = Files.readString(pack);
        assertThat(text).contains("[REDACTED:anthropic-key]", "[REDACTED:openai-key]", "[REDACTED:aws-access-key]",
                "[REDACTED:aws-secret-key]", "[REDACTED:github-token]", "[REDACTED:slack-token]",
                "[REDACTED:google-key]", "[REDACTED:private-key]", "Bearer [REDACTED:bearer-token]",
                "DB_PASSWORD=[REDACTED:secret-assignment]", "/work/keys/[REDACTED:github-token].txt");
        // every occurrence counts: the first prompt is also the goal and the title
        assertThat(JSON.readTree(text).get("redaction").get("count").asInt()).isGreaterThanOrEqualTo(SECRETS.size());
    }

    @Test
    void noRedact_keepsSecretsAndWarns() throws Exception {
        CliRun.Result r = home.run("export", "5ec0e7aa", "--no-redact");

        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("warning: --no-redact");
        assertThat(r.out()).contains(SECRETS.get("anthropic"));
        assertThat(JSON.readTree(r.out()).get("redaction").get("applied").asBoolean()).isFalse();
    }

    // ---- hostile imports: one line, exit 3, nothing written, store unchanged --------------------------------

    private void assertRefused(Path file, String reason) throws Exception {
        List<String> before = home.storeRows();
        Path primer = tmp.resolve("hostile-primer.md");

        CliRun.Result r = home.run("import-context", file.toString(), "--write", primer.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("llm-session: ").contains(reason);
        assertThat(r.out()).isEmpty();
        assertThat(primer).doesNotExist();
        assertThat(home.storeRows()).isEqualTo(before).isNotEmpty();
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    private ObjectNode packTree() throws IOException {
        return (ObjectNode) JSON.readTree(pack.toFile());
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void import_notJson() throws Exception {
        assertRefused(write("x.json", "hello, this is not json".getBytes(StandardCharsets.UTF_8)), "is not JSON");
        assertRefused(write("y.json", "hello, this is not json".getBytes(StandardCharsets.UTF_8)),
                "give a pack written by llm-session export");
    }

    @Test
    void import_truncatedGzip() throws Exception {
        byte[] gz = gzip(Files.readAllBytes(pack));
        assertRefused(write("t.json.gz", Arrays.copyOf(gz, gz.length / 2)), "not a readable gzip file");
    }

    @Test
    void import_wrongFormat() throws Exception {
        ObjectNode tree = packTree().put("format", "something/else");
        tree.put("sha256", Canonical.sha256(tree));
        assertRefused(write("f.json", JSON.writeValueAsBytes(tree)), "format is \"something/else\"");
    }

    @Test
    void import_newerVersion_namesBothVersions() throws Exception {
        ObjectNode tree = packTree().put("version", 2);
        tree.put("sha256", Canonical.sha256(tree));
        assertRefused(write("v.json", JSON.writeValueAsBytes(tree)), "format version 2, newer than this llm-session"
                + " understands (version 1)");
    }

    @Test
    void import_badChecksum() throws Exception {
        ObjectNode tree = packTree();
        ((ObjectNode) tree.get("source")).put("cwd", "/somewhere/else");
        assertRefused(write("c.json", JSON.writeValueAsBytes(tree)), "failed its checksum");
    }

    @Test
    void import_schemaViolation_evenWithAMatchingChecksum() throws Exception {
        ObjectNode tree = packTree();
        tree.remove("messages");
        tree.put("sha256", Canonical.sha256(tree));
        assertRefused(write("s.json", JSON.writeValueAsBytes(tree)), "$: required property 'messages' not found");
    }

    @Test
    void import_sixtyMegabytes_refusedWhileReading() throws Exception {
        Path big = tmp.resolve("big.json");
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write("{\"format\":\"llm-session/context\",\"version\":1,\"pad\":[".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = padding();
            for (int i = 0; i < 60; i++) {
                out.write(chunk);
            }
            out.write("\"end\"]}".getBytes(StandardCharsets.UTF_8));
        }
        assertRefused(big, "larger than the 50 MiB");
    }

    @Test
    void import_gzipBomb_refusedAfterGunzip() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write("{\"format\":\"llm-session/context\",\"pad\":[".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = padding();
            for (int i = 0; i < 60; i++) {
                gz.write(chunk);
            }
        }
        assertRefused(write("bomb.json.gz", out.toByteArray()), "50 MiB a context pack may have after gunzip");
    }

    /** 1 MiB of short JSON strings, each followed by a comma. */
    private static byte[] padding() {
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'a');
        for (int i = 0; i < chunk.length; i += 1024) {
            chunk[i] = '"';
            chunk[i + 1021] = '"';
            chunk[i + 1022] = ',';
            chunk[i + 1023] = '\n';
        }
        return chunk;
    }

    @Test
    void import_hugeString_refused() throws Exception {
        assertRefused(write("str.json", ("{\"format\":\"llm-session/context\",\"version\":1,\"pad\":\""
                + "a".repeat(PackCodec.MAX_STRING_CHARS + 1) + "\"}").getBytes(StandardCharsets.UTF_8)),
                "String value length");
    }

    @Test
    void import_deeplyNestedJson() throws Exception {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertRefused(write("deep.json", deep.getBytes(StandardCharsets.UTF_8)), "nesting depth");
    }

    @Test
    void import_writePathWithDotDot_refusedBeforeReading() throws Exception {
        List<String> before = home.storeRows();
        Path dir = Files.createDirectories(tmp.resolve("a/b"));

        CliRun.Result r = home.run("import-context", pack.toString(), "--write", dir.resolve("../p.md").toString());

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).doesNotContain("\n").contains("climbs with '..'");
        assertThat(tmp.resolve("a/p.md")).doesNotExist();
        assertThat(home.storeRows()).isEqualTo(before);
    }

    @Test
    void import_writeExisting_refusedWithoutForce() throws Exception {
        Path primer = Files.writeString(tmp.resolve("keep.md"), "keep");

        CliRun.Result r = home.run("import-context", pack.toString(), "--write", primer.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(Files.readString(primer)).isEqualTo("keep");
    }

    // ---- the write itself ---------------------------------------------------------------------------------

    @Test
    void safeWrite_failureMidWrite_leavesNoFileAndNoTemp() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("out"));
        Path target = dir.resolve("pack.json");

        assertThatThrownBy(() -> SafeFiles.write(target, false, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        })).isInstanceOf(WriteException.class).hasMessageContaining("disk full").hasMessageContaining("nothing written");

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void safeWrite_failureWhileReplacing_keepsTheOldFile() throws Exception {
        Path target = Files.writeString(tmp.resolve("old.json"), "old");

        assertThatThrownBy(() -> SafeFiles.write(target, true, out -> {
            out.write("new, half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("interrupted");
        })).isInstanceOf(WriteException.class);

        assertThat(Files.readString(target)).isEqualTo("old");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
