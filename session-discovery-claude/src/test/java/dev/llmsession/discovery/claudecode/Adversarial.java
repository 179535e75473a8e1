package dev.llmsession.discovery.claudecode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A generated transcript full of what makes a resumed parse go wrong: calls repeated with growing usage,
 * API-error incidents and retries, compaction boundaries, tool errors repeated by id and without an id,
 * interrupts, titles, sidechain lines, lines without timestamps, blank and malformed lines, multi-byte
 * UTF-8, lone surrogate escapes and invalid UTF-8 bytes inside strings.
 */
final class Adversarial {

    private Adversarial() {
    }

    static byte[] transcript(long seed, int lines) {
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long second = 0;
        int message = 0;
        for (int i = 0; i < lines; i++) {
            second += 1 + random.nextInt(30);
            String ts = random.nextInt(20) == 0 ? null
                    : String.format("2026-02-12T%02d:%02d:%02d.%03dZ", 10 + second / 3600 % 10, second / 60 % 60,
                            second % 60, random.nextInt(1000));
            String envelope = "\"sessionId\":\"adv\",\"cwd\":\"/home/a/" + (random.nextInt(10) == 0 ? "b" : "a")
                    + "\",\"version\":\"2.1." + random.nextInt(3) + "\",\"gitBranch\":\"main\""
                    + (ts == null ? "" : ",\"timestamp\":\"" + ts + "\"")
                    + (random.nextInt(8) == 0 ? ",\"isSidechain\":true" : "");
            int kind = random.nextInt(16);
            String line;
            switch (kind) {
                case 0, 1, 2, 3 -> {
                    // a call, sometimes repeated (same key) with a larger or smaller usage
                    int id = random.nextInt(3) == 0 && message > 0 ? message - random.nextInt(Math.min(message, 3))
                            : ++message;
                    String stop = new String[] {"end_turn", "tool_use", null}[random.nextInt(3)];
                    String content = stop != null && stop.equals("tool_use")
                            ? "[{\"type\":\"tool_use\",\"id\":\"tu" + id + "\",\"name\":\"Bash\",\"input\":{}}]"
                            : "[{\"type\":\"text\",\"text\":\"réponse ✓ 😀 " + id + "\"}]";
                    line = "{\"type\":\"assistant\"," + envelope + ",\"requestId\":\"req" + id
                            + "\",\"message\":{\"id\":\"msg" + id + "\",\"model\":\""
                            + (random.nextInt(10) == 0 ? "claude-sonnet-4-5" : "claude-opus-4-6")
                            + "\",\"stop_reason\":" + (stop == null ? "null" : "\"" + stop + "\"")
                            + ",\"content\":" + content + ",\"usage\":{\"input_tokens\":" + random.nextInt(50)
                            + ",\"output_tokens\":" + random.nextInt(3000) + ",\"cache_creation_input_tokens\":"
                            + random.nextInt(20000) + ",\"cache_read_input_tokens\":" + random.nextInt(200000)
                            + (random.nextBoolean() ? ",\"cache_creation\":{\"ephemeral_5m_input_tokens\":"
                                    + random.nextInt(5000) + ",\"ephemeral_1h_input_tokens\":0}" : "")
                            + "}}}";
                }
                case 4 -> line = "{\"type\":\"assistant\"," + envelope + ",\"isApiErrorMessage\":true,"
                        + "\"message\":{\"id\":\"err" + i + "\",\"model\":\"<synthetic>\",\"content\":[{\"type\":"
                        + "\"text\",\"text\":\"API Error: 529\"}],\"usage\":{\"input_tokens\":0,\"output_tokens\":0}}}";
                case 5 -> line = "{\"type\":\"system\",\"subtype\":\"api_error\"," + envelope + ",\"retryAttempt\":1}";
                case 6 -> line = "{\"type\":\"system\",\"subtype\":\"compact_boundary\"," + envelope
                        + (random.nextBoolean() ? ",\"compactMetadata\":{\"trigger\":\"auto\",\"preTokens\":1,"
                                + "\"postTokens\":" + random.nextInt(9000) + "}" : "") + "}";
                case 7 -> line = "{\"type\":\"user\"," + envelope + ",\"message\":{\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"tool_result\"," + (random.nextInt(4) == 0 ? ""
                                : "\"tool_use_id\":\"tu" + random.nextInt(message + 1) + "\",")
                        + "\"is_error\":" + random.nextBoolean() + ",\"content\":\"é\\ud83d x\"}]}}";
                case 8 -> line = "{\"type\":\"user\"," + envelope + ",\"message\":{\"role\":\"user\",\"content\":"
                        + "\"[Request interrupted by user]\"}}";
                case 9 -> line = "{\"type\":\"user\"," + envelope + ",\"message\":{\"role\":\"user\",\"content\":"
                        + "\"Prompt n°" + i + " — fais ça 😀\"}}";
                case 10 -> line = "{\"type\":\"" + (random.nextBoolean() ? "custom-title" : "summary") + "\","
                        + (random.nextBoolean() ? "\"customTitle\"" : "\"summary\"") + ":\"Titre " + i + " ✓\"}";
                case 11 -> line = "{\"type\":\"system\",\"subtype\":\""
                        + new String[] {"turn_duration", "stop_hook_summary", "local_command"}[random.nextInt(3)]
                        + "\"," + envelope + ",\"preventedContinuation\":" + random.nextBoolean() + "}";
                case 12 -> line = "{\"type\":\"progress\"," + envelope + ",\"data\":{\"type\":\"hook_progress\","
                        + "\"message\":{\"type\":\"assistant\",\"timestamp\":\"2030-01-01T00:00:00Z\"}}}";
                case 13 -> line = random.nextBoolean() ? "{\"type\":\"assistant\",\"message\":{\"id\":" : "   ";
                case 14 -> line = "{\"type\":\"file-history-snapshot\",\"messageId\":\"x" + i + "\",\"snapshot\":{}}";
                default -> line = "{\"type\":\"user\"," + envelope + ",\"isCompactSummary\":true,\"message\":"
                        + "{\"role\":\"user\",\"content\":\"This session is being continued\"}}";
            }
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(25) == 0) {
                // an invalid UTF-8 byte inside a string value
                int quote = line.lastIndexOf("\"}");
                if (quote > 0) {
                    byte[] broken = new byte[bytes.length + 1];
                    int at = line.substring(0, quote).getBytes(StandardCharsets.UTF_8).length;
                    System.arraycopy(bytes, 0, broken, 0, at);
                    broken[at] = (byte) 0xC3;
                    System.arraycopy(bytes, at, broken, at + 1, bytes.length - at);
                    bytes = broken;
                }
            }
            out.writeBytes(bytes);
            out.write('\n');
        }
        return out.toByteArray();
    }
}
