package dev.llmsession.discovery.claudecode.transcript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builders of small transcript lines for tests. */
final class Lines {

    private Lines() {
    }

    static String assistant(String msgId, String requestId, int output, boolean sidechain) {
        String req = requestId == null ? "" : "\"requestId\":\"" + requestId + "\",";
        String id = msgId == null ? "" : "\"id\":\"" + msgId + "\",";
        return "{\"type\":\"assistant\"," + req + "\"isSidechain\":" + sidechain
                + ",\"timestamp\":\"2026-02-12T16:00:00Z\",\"message\":{" + id
                + "\"model\":\"claude-opus-4-6\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],"
                + "\"usage\":{\"input_tokens\":10,\"output_tokens\":" + output
                + ",\"cache_creation_input_tokens\":100,\"cache_read_input_tokens\":1000}}}";
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, text.getBytes(StandardCharsets.UTF_8));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
