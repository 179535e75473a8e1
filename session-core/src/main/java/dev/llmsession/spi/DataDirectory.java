package dev.llmsession.spi;

import java.nio.file.Path;

/**
 * Where llm-session keeps its own files (the local store, the team sync ledger): setting {@value #SETTING}
 * (the CLI's {@code --data-dir}) &gt; {@code LLM_SESSION_HOME} &gt; {@code $XDG_DATA_HOME/llm-session} &gt; on macOS
 * {@code ~/Library/Application Support/llm-session} &gt; {@code ~/.local/share/llm-session}. Reads only the context.
 *
 * @since 0.1
 */
public final class DataDirectory {
    /** Setting naming the directory; wins over every other source. */
    public static final String SETTING = "store.dir";

    private DataDirectory() {
    }

    /** The directory for this context on this operating system ({@code os.name}). */
    public static Path of(ProviderContext context) {
        return of(context, System.getProperty("os.name", ""));
    }

    /** The directory for this context on the operating system named {@code osName}. */
    public static Path of(ProviderContext context, String osName) {
        Path home = context.userHome();
        return context.setting(SETTING).map(d -> expand(d, home))
                .or(() -> context.env("LLM_SESSION_HOME").map(d -> expand(d, home)))
                .or(() -> context.env("XDG_DATA_HOME").map(d -> expand(d, home).resolve("llm-session")))
                .orElseGet(() -> osName.startsWith("Mac")
                        ? home.resolve("Library").resolve("Application Support").resolve("llm-session")
                        : home.resolve(".local").resolve("share").resolve("llm-session"));
    }

    private static Path expand(String dir, Path home) {
        String d = dir.strip();
        if (d.equals("~")) {
            return home;
        }
        if (d.startsWith("~/")) {
            return home.resolve(d.substring(2));
        }
        return home.resolve(d); // an absolute path stays as it is
    }
}
