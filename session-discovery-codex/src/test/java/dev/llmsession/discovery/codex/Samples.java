package dev.llmsession.discovery.codex;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** The real Codex rollouts in {@code src/test/resources/codex-samples} (see the README there for their licence). */
final class Samples {
    static final String SMALL = "rollout-2026-02-23T13-19-38-019c8a70-dda7-7f33-98ea-f30553347322.jsonl";
    static final String ONE_TURN = "rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl";
    static final String LONG = "rollout-2026-02-23T12-54-34-019c8a59-e9dd-71f0-9ae3-4079fe9726a9.jsonl";
    static final List<String> ROLLOUTS = List.of(SMALL, ONE_TURN, LONG);

    private Samples() {
    }

    static byte[] bytes(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(Samples.class.getResourceAsStream("/codex-samples/" + name),
                name)) {
            return in.readAllBytes();
        }
    }

    static String text(String name) throws IOException {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** Copies the rollouts where Codex keeps them: {@code <codexHome>/sessions/2026/02/23/}. */
    static Path layOut(Path codexHome) throws IOException {
        Path day = Files.createDirectories(codexHome.resolve("sessions/2026/02/23"));
        for (String name : ROLLOUTS) {
            Files.write(day.resolve(name), bytes(name));
        }
        return day;
    }
}
