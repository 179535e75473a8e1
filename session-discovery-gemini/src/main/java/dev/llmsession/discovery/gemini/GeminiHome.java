package dev.llmsession.discovery.gemini;

import dev.llmsession.spi.ProviderContext;
import java.nio.file.Path;

/**
 * Where Gemini CLI keeps its data: {@code $GEMINI_CLI_HOME/.gemini} when set, else {@code ~/.gemini}.
 *
 * @param root the {@code .gemini} directory
 */
record GeminiHome(Path root) {

    static GeminiHome of(ProviderContext context) {
        Path base = context.env("GEMINI_CLI_HOME").map(Path::of).filter(Path::isAbsolute).orElse(context.userHome());
        return new GeminiHome(base.resolve(".gemini"));
    }

    /** {@code tmp/<project>/chats/}: one directory per project (a hash before 0.5x, the short name since). */
    Path projects() {
        return root.resolve("tmp");
    }
}
