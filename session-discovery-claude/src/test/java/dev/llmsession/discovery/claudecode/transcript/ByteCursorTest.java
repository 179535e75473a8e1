package dev.llmsession.discovery.claudecode.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmsession.adapterkit.Json;
import dev.llmsession.testkit.LineFuzz;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The byte-level cursor reads what the reader's Jackson path reads (Jackson's byte parser, or where that refuses bad
 * UTF-8, Jackson over a replacing decoder), or gives the line up to it: the same tokens, names, strings, counts and
 * skips over random JSON and byte-fuzzed variants of it, and the same parsed line as the Jackson path of
 * {@link TranscriptReader} for transcript line shapes, the real samples and their fuzzed variants.
 */
final class ByteCursorTest {

    private static final String[] NAMES = {"type", "message", "content", "text", "id", "usage", "input_tokens",
        "output_tokens", "ty\\u0070e", "caf\u00e9", "\\\"q", "x", "", "\ud83d\ude00", "a\\nb"};
    private static final String[] SPLICES = {"\"", "\\", "{", "}", "[", "]", ",", ":", " ", "\t", "\r", "\u0000",
        "\u00e9", "\ud83d\ude00", "\\u0074", "\\ud800", "\\\"", "1e999", "-0", "01", "1.", "-", "null", "tru", "true",
        "\"type\":\"assistant\",", "\"message\":{\"content\":\"x\"},", "\"usage\":{\"input_tokens\":-1},",
        "99999999999999999999", "\"input_tokens\":1.5,", "\"postTokens\":12345678901234567890,"};

    @Test
    void tokens_randomJsonAndFuzzedVariants_sameAsJacksonOrGivenUp() throws IOException {
        Random random = new Random(14);
        ByteCursor cursor = new ByteCursor();
        int read = 0;
        int givenUp = 0;
        int replaced = 0;
        for (int n = 0; n < 4000; n++) {
            byte[] doc = ("{" + members(random, 0) + "}").getBytes(StandardCharsets.UTF_8);
            if (n % 2 == 1) {
                doc = fuzz(doc, random);
            }
            long seed = random.nextLong();
            List<String> fast = walk(cursor.reset(doc, 0, doc.length), new Random(seed));
            if (fast == null) {
                givenUp++;
                continue;
            }
            List<String> slow;
            try (JsonParser p = Json.FACTORY.createParser(doc)) {
                byte[] bytes = doc;
                slow = walk(new JacksonCursor(p, (jp, max) -> JsonStringPeek.decode(bytes,
                        (int) jp.currentTokenLocation().getByteOffset(), bytes.length, max)), new Random(seed));
            }
            if (slow.contains("failed")) {
                slow = replacingWalk(doc, seed);
                replaced++;
            }
            assertThat(fast).as(new String(doc, StandardCharsets.UTF_8)).isEqualTo(slow);
            read++;
        }
        // most intact documents are read by the cursor (one with an escaped name is given up); most fuzzed ones not
        assertThat(read).isGreaterThan(1000);
        assertThat(givenUp).isGreaterThan(500);
        // some fuzzed documents have bad UTF-8 only where the walk skips: read, as the replacing path reads them
        assertThat(replaced).isGreaterThan(10);
    }

    /** The walk over Jackson's character parser behind a replacing UTF-8 decoder: the reader's second try. */
    private static List<String> replacingWalk(byte[] doc, long seed) throws IOException {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
        try (JsonParser p = Json.FACTORY.createParser(new java.io.InputStreamReader(
                new java.io.ByteArrayInputStream(doc), decoder))) {
            return walk(new JacksonCursor(p, (jp, max) -> {
                String text = jp.getText();
                if (text == null || text.length() <= max) {
                    return text;
                }
                return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
            }), new Random(seed));
        }
    }

    @Test
    void skipString_randomBytes_endsAtTheFirstUnescapedQuoteAsAByteByByteScan() {
        Random random = new Random(2026);
        byte[][] pieces = {"a".getBytes(StandardCharsets.UTF_8), "plain text ".getBytes(StandardCharsets.UTF_8),
            {'"'}, {'\\', '"'}, {'\\', 'n'}, {'\\', '\\'}, {'\\', 'u', '0', '0', 'e', '9'}, {'\\', 'u', '0', 'g'},
            {'\\', 'x'}, {'\\'}, {0x1F}, {0x7F}, {(byte) 0x80}, {(byte) 0xC3, (byte) 0xA9}, {(byte) 0xE6, (byte) 0x9D},
            {(byte) 0xFF}, {(byte) 0xDF}, {(byte) 0xA2}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x99, (byte) 0x82}};
        int ended = 0;
        int laxOnly = 0;
        for (int n = 0; n < 20_000; n++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.write('"');
            int parts = random.nextInt(12);
            for (int k = 0; k < parts; k++) {
                byte[] piece = pieces[random.nextInt(pieces.length)];
                out.write(piece, 0, random.nextInt(4) == 0 ? random.nextInt(piece.length + 1) : piece.length);
            }
            byte[] b = out.toByteArray();
            int expected = byteByByte(b);
            assertThat(ByteCursor.skipString(b, 0, b.length)).as(new String(b, StandardCharsets.ISO_8859_1))
                    .isEqualTo(expected);
            int strict = ByteCursor.string(b, 0, b.length);
            if (strict != -1) {
                assertThat(strict).as("a string the strict scan reads ends where the lax one says").isEqualTo(expected);
            }
            ended += expected > 0 ? 1 : 0;
            laxOnly += expected > 0 && strict == -1 ? 1 : 0;
        }
        assertThat(ended).isGreaterThan(2_000);
        assertThat(laxOnly).as("strings read only without the UTF-8 check").isGreaterThan(500);
    }

    /** The end after the first unescaped quote, or -1: an unescaped control byte, a bad escape or no end. */
    private static int byteByByte(byte[] b) {
        for (int i = 1; i < b.length; i++) {
            int c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c >= 0 && c < 0x20) {
                return -1;
            }
            if (c == '\\') {
                if (i + 1 >= b.length) {
                    return -1;
                }
                byte e = b[i + 1];
                if (e == 'u') {
                    if (i + 5 >= b.length) {
                        return -1;
                    }
                    for (int k = 2; k <= 5; k++) {
                        if (Character.digit(b[i + k], 16) < 0) {
                            return -1;
                        }
                    }
                    i += 5;
                } else if ("\"\\\\/bfnrt".indexOf(e) >= 0) {
                    i++;
                } else {
                    return -1;
                }
            }
        }
        return -1;
    }

    @Test
    void parse_transcriptShapesSamplesAndFuzz_sameLineAsJacksonPath() throws IOException, URISyntaxException {
        List<byte[]> lines = new ArrayList<>();
        Path samples = Path.of(ByteCursorTest.class.getResource("/fixtures/claude/README.md").toURI()).getParent();
        try (Stream<Path> files = Files.walk(samples)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readString(f, StandardCharsets.UTF_8).split("\n")) {
                    lines.add(line.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        Random random = new Random(1414);
        for (int n = 0; n < 400; n++) {
            lines.add(shape(random).getBytes(StandardCharsets.UTF_8));
        }
        TranscriptReader fast = new TranscriptReader(TranscriptReader.DEFAULT_MAX_BUFFERED_LINE, true);
        TranscriptReader jackson = new TranscriptReader(TranscriptReader.DEFAULT_MAX_BUFFERED_LINE, false);
        LineParser parser = new LineParser();
        ByteCursor cursor = new ByteCursor();
        int intact = lines.size();
        int readIntact = 0;
        for (int n = 0; n < intact; n++) {
            byte[] line = lines.get(n);
            for (int k = 0; k < 4; k++) {
                lines.add(fuzz(line, random));
            }
            try {
                parser.parse(cursor.reset(line, 0, line.length));
                readIntact++;
            } catch (ByteCursor.GiveUp e) {
                // left to Jackson
            } catch (IOException e) {
                // not an object
            }
        }
        for (byte[] line : lines) {
            assertThat(fast.parseBytes(line, 0, line.length)).as(new String(line, StandardCharsets.UTF_8))
                    .isEqualTo(jackson.parseBytes(line, 0, line.length));
        }
        // the real and generated lines are read by the cursor, not given up
        assertThat(readIntact).isGreaterThan(intact * 95 / 100);
    }

    @Test
    void text_everyLengthOfRandomStrings_sameAsThePeek() throws IOException {
        Random random = new Random(77);
        ByteCursor cursor = new ByteCursor();
        for (int n = 0; n < 3000; n++) {
            String content = text(random) + text(random) + text(random);
            byte[] doc = ("{\"t\":\"" + content + "\"}").getBytes(StandardCharsets.UTF_8);
            int quote = 5;
            for (int max : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 31, 32, 33, 200, Integer.MAX_VALUE}) {
                cursor.reset(doc, 0, doc.length);
                cursor.nextToken();
                cursor.nextToken();
                cursor.nextToken();
                String peek = JsonStringPeek.decode(doc, quote, doc.length, max);
                try {
                    assertThat(cursor.text(max)).as("%s, %d chars", content, max).isEqualTo(peek);
                } catch (ByteCursor.GiveUp e) {
                    // only where the peek keeps half a pair at the cut (the replacing path drops it)
                    assertThat(peek).as("%s, %d chars", content, max).hasSize(max);
                    assertThat(Character.isHighSurrogate(peek.charAt(max - 1))).isTrue();
                }
            }
            cursor.reset(doc, 0, doc.length);
            cursor.nextToken();
            cursor.nextToken();
            cursor.nextToken();
            assertThat(cursor.recurring()).isEqualTo(JsonStringPeek.decode(doc, quote, doc.length, Integer.MAX_VALUE));
        }
    }

    /** The tokens a walk sees, deciding at random (the same way for both cursors) what to skip and read. */
    private static List<String> walk(JsonCursor c, Random decide) throws IOException {
        List<String> seen = new ArrayList<>();
        try {
            for (JsonToken t = c.nextToken(); t != null; t = c.nextToken()) {
                seen.add(t.name());
                switch (t) {
                    case FIELD_NAME -> seen.add(c.currentName());
                    case START_OBJECT, START_ARRAY -> {
                        if (decide.nextInt(4) == 0) {
                            c.skipChildren();
                            seen.add("skipped to " + c.currentToken());
                        }
                    }
                    case VALUE_STRING -> seen.add(decide.nextBoolean() ? c.string() : c.text(5));
                    case VALUE_NUMBER_INT -> seen.add(String.valueOf(c.count()));
                    default -> {
                    }
                }
            }
        } catch (ByteCursor.GiveUp e) {
            return null;
        } catch (IOException | RuntimeException e) {
            if (c instanceof ByteCursor) {
                throw new AssertionError("the byte cursor failed other than by giving up", e);
            }
            seen.add("failed");
        }
        return seen;
    }

    private static String members(Random random, int depth) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(depth == 0 ? 6 : 4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                s.append(random.nextInt(6) == 0 ? " , " : ",");
            }
            s.append('"').append(NAMES[random.nextInt(NAMES.length)]).append('"').append(random.nextBoolean() ? ":" : " :\t")
                    .append(value(random, depth));
        }
        return s.toString();
    }

    private static String value(Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 8 : 10);
        return switch (kind) {
            case 0 -> "\"" + text(random) + "\"";
            case 1 -> String.valueOf(random.nextInt(2000) - 100);
            case 2 -> new String[] {"-0", "0", "1099511627776", "1099511627777", "123456789012345678",
                "1234567890123456789", "99999999999999999999", "-5", "1.5", "2e3", "-0.0", "1E+2"}[random.nextInt(12)];
            case 3 -> "true";
            case 4 -> "false";
            case 5 -> "null";
            case 6 -> "\"\"";
            case 7 -> "\"" + "x".repeat(random.nextInt(40)) + "\"";
            case 8 -> "{" + members(random, depth + 1) + "}";
            default -> {
                StringBuilder a = new StringBuilder("[");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.append(i > 0 ? "," : "").append(value(random, depth + 1));
                }
                yield a.append(']').toString();
            }
        };
    }

    private static String text(Random random) {
        String[] parts = {"plain", " ", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\ud83d\\ude00", "\\ud800", "\u00e9",
            "\u4e2d\u6587", "\ud83d\ude00", "\\t", "\\b\\f\\r", "a".repeat(30)};
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            s.append(parts[random.nextInt(parts.length)]);
        }
        return s.toString();
    }

    /** A transcript line of one of the shapes Claude Code writes, fields in a random order. */
    private static String shape(Random random) {
        List<String> fields = new ArrayList<>(List.of("\"parentUuid\":null", "\"isSidechain\":" + random.nextBoolean(),
                "\"userType\":\"external\"", "\"cwd\":\"/home/dev/" + (random.nextBoolean() ? "proj" : "caf\u00e9") + "\"",
                "\"sessionId\":\"5b1e\"", "\"version\":\"2.1.39\"", "\"gitBranch\":\"main\"",
                "\"timestamp\":\"2026-02-1" + random.nextInt(10) + "T16:00:0" + random.nextInt(10) + ".123Z\"",
                "\"uuid\":\"u-" + random.nextInt(1000) + "\""));
        switch (random.nextInt(6)) {
            case 0 -> {
                fields.add("\"type\":\"assistant\"");
                fields.add("\"requestId\":\"req_" + random.nextInt(50) + "\"");
                List<String> message = new ArrayList<>(List.of("\"id\":\"msg_" + random.nextInt(50) + "\"",
                        "\"model\":\"claude-opus-4-6\"", "\"role\":\"assistant\"",
                        "\"stop_reason\":" + (random.nextBoolean() ? "null" : "\"end_turn\""),
                        "\"usage\":{\"input_tokens\":" + random.nextInt(10) + ",\"cache_creation_input_tokens\":"
                                + random.nextInt(20000) + ",\"cache_read_input_tokens\":" + random.nextInt(90000)
                                + ",\"cache_creation\":{\"ephemeral_5m_input_tokens\":" + random.nextInt(100)
                                + ",\"ephemeral_1h_input_tokens\":0},\"output_tokens\":" + random.nextInt(900)
                                + ",\"service_tier\":\"standard\"}",
                        "\"content\":[{\"type\":\"thinking\",\"thinking\":\"" + text(random) + "\",\"signature\":\"Eu8"
                                + "A".repeat(random.nextInt(300)) + "\"},{\"type\":\"text\",\"text\":\"" + text(random)
                                + "\"},{\"type\":\"tool_use\",\"id\":\"toolu_" + random.nextInt(99)
                                + "\",\"name\":\"Bash\",\"input\":{\"command\":\"ls -la\",\"n\":[1,2.5,null]}}]"));
                java.util.Collections.shuffle(message, random);
                fields.add("\"message\":{" + String.join(",", message) + "}");
            }
            case 1 -> {
                fields.add("\"type\":\"user\"");
                fields.add("\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"toolu_" + random.nextInt(99)
                        + "\",\"type\":\"tool_result\",\"content\":\"" + text(random) + "x".repeat(random.nextInt(2000))
                        + "\",\"is_error\":" + random.nextBoolean() + "},{\"type\":\"image\",\"source\":{\"type\":"
                        + "\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBOR" + "Qk0".repeat(random.nextInt(500))
                        + "\"}}]}");
                fields.add("\"toolUseResult\":{\"stdout\":\"" + text(random) + "\",\"interrupted\":false}");
            }
            case 2 -> {
                fields.add("\"type\":\"user\"");
                fields.add("\"message\":{\"role\":\"user\",\"content\":\"" + text(random) + " please\"}");
                fields.add("\"todos\":[]");
                fields.add("\"permissionMode\":\"default\"");
            }
            case 3 -> {
                fields.add("\"type\":\"progress\"");
                fields.add("\"data\":{\"type\":\"agent_progress\",\"message\":{\"type\":\"assistant\",\"message\":"
                        + "{\"usage\":{\"input_tokens\":5,\"output_tokens\":7}}}}");
                fields.add("\"toolUseID\":\"toolu_1\"");
            }
            case 4 -> {
                fields.add("\"type\":\"system\"");
                fields.add("\"subtype\":\"" + (random.nextBoolean() ? "compact_boundary" : "turn_duration") + "\"");
                fields.add("\"compactMetadata\":{\"trigger\":\"auto\",\"preTokens\":155000,\"postTokens\":"
                        + new String[] {"12000", "-3", "1.5", "\"x\"", "null"}[random.nextInt(5)] + "}");
                fields.add("\"isMeta\":false");
            }
            default -> {
                fields.add("\"type\":\"" + new String[] {"custom-title", "ai-title", "summary"}[random.nextInt(3)] + "\"");
                fields.add("\"customTitle\":\"" + text(random) + "\"");
                fields.add("\"summary\":\"" + text(random) + "\"");
            }
        }
        java.util.Collections.shuffle(fields, random);
        return "{" + String.join(",", fields) + "}";
    }

    /** One random edit of {@code line} (the test kit's, with this test's splices). */
    private static byte[] fuzz(byte[] line, Random random) {
        return LineFuzz.edit(line, random, SPLICES);
    }
}
