package dev.llmsession.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineAddressTest {
    private static final Path CWD = Path.of("/work/project");
    private static final Map<String, String> ENV = Map.of("HOME", "/home/u", "XDG_RUNTIME_DIR", "/run/user/1000");

    @Test
    void variablesThatOnlySayHowToRunOrWhereTheShellIsDoNotChangeTheWorld() {
        String key = EngineAddress.of(ENV, CWD, List.of()).key();
        for (String name : List.of("NO_COLOR", "COLUMNS", "TERM", "PWD", "SHLVL", "XDG_SESSION_ID", "CI",
                "LLM_SESSION_NO_DAEMON", "LLM_SESSION_JAVA_OPTS")) {
            Map<String, String> env = new java.util.HashMap<>(ENV);
            env.put(name, "1");
            assertThat(EngineAddress.of(env, CWD, List.of("list")).key()).as(name).isEqualTo(key);
        }
        for (String name : List.of("CLAUDE_CONFIG_DIR", "CODEX_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
                "LLM_SESSION_HOME", "ANTHROPIC_MODEL", "USER")) {
            Map<String, String> env = new java.util.HashMap<>(ENV);
            env.put(name, "/x");
            assertThat(EngineAddress.of(env, CWD, List.of()).key()).as(name).isNotEqualTo(key);
        }
    }

    @Test
    void worldOptionsCountMadeAbsoluteInEitherSpelling() {
        String rel = EngineAddress.of(ENV, CWD, List.of("--data-dir", "data", "list")).key();
        String eq = EngineAddress.of(ENV, Path.of("/work"), List.of("list", "--data-dir=project/data")).key();
        String abs = EngineAddress.of(ENV, Path.of("/"), List.of("--data-dir", "/work/project/data")).key();
        assertThat(rel).isEqualTo(eq).isEqualTo(abs)
                .isNotEqualTo(EngineAddress.of(ENV, CWD, List.of("list")).key());
        assertThat(EngineAddress.of(ENV, CWD, List.of("list", "--", "--data-dir", "x")).key())
                .as("after --, not an option").isEqualTo(EngineAddress.of(ENV, CWD, List.of("list")).key());
    }

    @Test
    void socketInTheRuntimeDirectoryElseUnderTheDataDirectoryElseInTmp() {
        assertThat(EngineAddress.of(ENV, CWD, List.of()).directory()).isEqualTo(Path.of("/run/user/1000/llm-session"));
        Map<String, String> noRuntime = Map.of("HOME", "/home/u");
        assertThat(EngineAddress.of(noRuntime, CWD, List.of()).directory())
                .isEqualTo(Path.of("/home/u/.local/share/llm-session/engine"));
        assertThat(EngineAddress.of(Map.of("HOME", "/home/u", "LLM_SESSION_HOME", "~/d"), CWD, List.of()).directory())
                .isEqualTo(Path.of("/home/u/d/engine"));
        EngineAddress deep = EngineAddress.of(Map.of("HOME", "/home/u/" + "very-long-directory-name/".repeat(4)),
                CWD, List.of());
        assertThat(deep.directory().getFileName().toString()).startsWith("llm-session-");
        assertThat(deep.socket().toString().length()).isLessThan(100);
    }
}
