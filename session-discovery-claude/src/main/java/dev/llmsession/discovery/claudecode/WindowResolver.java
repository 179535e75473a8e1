package dev.llmsession.discovery.claudecode;

import dev.llmsession.adapterkit.JsonFields;
import dev.llmsession.discovery.claudecode.pricing.ContextWindows;
import dev.llmsession.spi.ProviderContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the context window (claude-format.md §3.3): the model table first; for models that run at 200k
 * or 1M, a {@code [1m]} in settings, environment or {@code --model}, or an observed context above 200k,
 * proves 1M; otherwise 200k, marked assumed.
 */
final class WindowResolver {

    private static final List<String> MODEL_VARIABLES = List.of("ANTHROPIC_MODEL", "ANTHROPIC_DEFAULT_OPUS_MODEL",
            "ANTHROPIC_DEFAULT_SONNET_MODEL");
    private static final String ONE_M = "[1m]";
    private static final int MAX_SETTINGS_BYTES = 1 << 20;

    private final ProviderContext context;

    WindowResolver(ProviderContext context) {
        this.context = context;
    }

    /**
     * @param model       model of the latest main-chain call, or null
     * @param maxObserved the largest context seen in the session
     * @param root        the Claude configuration root, or null
     * @param cwd         the session's working directory, or null
     * @param arguments   the live process's arguments (empty when none)
     */
    /**
     * The resolutions of one listing: each settings file is read once and each model's kind decided once — a full
     * listing of 2,226 sessions looked for the same few settings files ~6,700 times (JFR: a tenth of the engine's
     * `list --all --json`). Settings may change between listings, so a pass serves one and is dropped.
     */
    Pass pass() {
        return new Pass();
    }

    /** One listing's resolutions (see {@link #pass()}); not thread-safe. */
    final class Pass {
        private final Map<String, ContextWindows.Kind> kinds = new HashMap<>();
        private final Map<Path, Boolean> selects1m = new HashMap<>();

        /**
         * @param model       model of the latest main-chain call, or null
         * @param maxObserved the largest context seen in the session
         * @param root        the Claude configuration root, or null
         * @param cwd         the session's working directory, or null
         * @param arguments   the live process's arguments (empty when none)
         */
        Window resolve(String model, long maxObserved, Path root, String cwd, List<String> arguments) {
            if (model != null && model.contains(ONE_M)) {
                return new Window(ContextWindows.WINDOW_1M, false); // requestedModel "claude-opus-4-6[1m]"
            }
            ContextWindows.Kind kind = model == null ? ContextWindows.kind(null)
                    : kinds.computeIfAbsent(model, ContextWindows::kind);
            if (kind == ContextWindows.Kind.ONE_MILLION) {
                return new Window(ContextWindows.WINDOW_1M, false);
            }
            if (kind == ContextWindows.Kind.FIXED_200K) {
                return new Window(ContextWindows.WINDOW_200K, false);
            }
            if (maxObserved > ContextWindows.WINDOW_200K) {
                return new Window(ContextWindows.WINDOW_1M, false);
            }
            if (kind == ContextWindows.Kind.EITHER && oneMillionSelected(root, cwd, arguments)) {
                return new Window(ContextWindows.WINDOW_1M, false);
            }
            return new Window(ContextWindows.WINDOW_200K, true);
        }

        private boolean oneMillionSelected(Path root, String cwd, List<String> arguments) {
            for (String variable : MODEL_VARIABLES) {
                if (context.env(variable).filter(v -> v.contains(ONE_M)).isPresent()) {
                    return true;
                }
            }
            for (int i = 0; i < arguments.size(); i++) {
                String a = arguments.get(i);
                if (a.startsWith("--model=") && a.contains(ONE_M)) {
                    return true;
                }
                if (a.equals("--model") && i + 1 < arguments.size() && arguments.get(i + 1).contains(ONE_M)) {
                    return true;
                }
            }
            List<Path> settings = new ArrayList<>();
            if (root != null) {
                settings.add(root.resolve("settings.json"));
            }
            if (cwd != null) {
                try {
                    Path project = Path.of(cwd).resolve(".claude");
                    settings.add(project.resolve("settings.json"));
                    settings.add(project.resolve("settings.local.json"));
                } catch (InvalidPathException e) {
                    // a cwd from another platform
                }
            }
            for (Path p : settings) {
                if (selects1m.computeIfAbsent(p, f -> modelSetting(f).filter(m -> m.contains(ONE_M)).isPresent())) {
                    return true;
                }
            }
            return false;
        }
    }

    private static Optional<String> modelSetting(Path file) {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            return JsonFields.read(file, MAX_SETTINGS_BYTES).flatMap(n -> n.string("model"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A context window.
     *
     * @param size    tokens
     * @param assumed guessed rather than known
     */
    record Window(long size, boolean assumed) {
    }
}
