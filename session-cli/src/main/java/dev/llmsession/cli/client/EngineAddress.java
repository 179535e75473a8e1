package dev.llmsession.cli.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;

/**
 * Where the engine of one world listens. A world is what decides what a command sees: the variables that name
 * homes, data and configuration ({@code HOME}, {@code XDG_*_HOME}, {@code CLAUDE_*}, {@code CODEX_*}…), the
 * {@code --data-dir}, {@code --config} and {@code --plugins} options, and the time zone and locale. Its hash names
 * the socket, so a client whose world differs finds another socket (or none) and never another world's answer.
 *
 * @param directory the socket's folder: {@code $XDG_RUNTIME_DIR/llm-session}, else {@code engine} under the data
 *                  directory, else (a path too long for a socket) a per-user folder in the temp directory
 * @param key       the world's hash, 16 hex digits
 */
public record EngineAddress(Path directory, String key) {
    /** Global options whose value changes the world; each takes a path. */
    public static final List<String> WORLD_OPTIONS = List.of("--data-dir", "--config", "--plugins");
    /** Exact variables of the world. */
    private static final Set<String> WORLD_VARIABLES = Set.of("HOME", "USER", "LOGNAME", "APPDATA", "LOCALAPPDATA",
            "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR",
            "XDG_CONFIG_DIRS", "XDG_DATA_DIRS");
    /** Variable prefixes of the world: the assistants' and ours. */
    private static final List<String> WORLD_PREFIXES = List.of("CLAUDE_", "ANTHROPIC_", "CODEX_", "CURSOR_",
            "GEMINI_", "LLM_SESSION_");
    /** Ours that only say how to run, not what to see. */
    private static final Set<String> NOT_WORLD = Set.of("LLM_SESSION_NO_DAEMON", "LLM_SESSION_JAVA_OPTS");
    /** sun_path holds 108 bytes on Linux, 104 on macOS. */
    private static final int MAX_SOCKET_PATH = 100;
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    /** The address of the world of {@code env} and {@code args}, with relative options resolved against {@code cwd}. */
    public static EngineAddress of(Map<String, String> env, Path cwd, List<String> args) {
        String key = key(env, cwd, args);
        Path dir = preferredDirectory(env, cwd, args);
        if (dir.resolve(socketName(key)).toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            dir = Path.of(System.getProperty("java.io.tmpdir"), "llm-session-" + System.getProperty("user.name"));
        }
        return new EngineAddress(dir, key);
    }

    public Path socket() {
        return directory.resolve(socketName(key));
    }

    /** Held by the running engine for its whole life: two engines raced for one world, one wins. */
    public Path lock() {
        return directory.resolve("engine-" + key + ".lock");
    }

    /** Where a detached engine writes its log. */
    public Path log() {
        return directory.resolve("engine-" + key + ".log");
    }

    /** Marks that this world was told once that an engine was started for it. */
    public Path announced() {
        return directory.resolve("engine-" + key + ".announced");
    }

    private static String socketName(String key) {
        return "engine-" + key + ".sock";
    }

    /** Whether {@code name} is an environment variable that decides what a command sees. */
    public static boolean isWorldVariable(String name) {
        if (WORLD_VARIABLES.contains(name)) {
            return true;
        }
        if (NOT_WORLD.contains(name)) {
            return false;
        }
        for (String prefix : WORLD_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The world options of {@code args} as {@code name=absolute path}, in order; none after {@code --}. */
    public static List<String> worldOptions(List<String> args, Path cwd) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ("--".equals(a)) {
                break;
            }
            for (String name : WORLD_OPTIONS) {
                String value = null;
                if (a.equals(name) && i + 1 < args.size()) {
                    value = args.get(++i);
                } else if (a.startsWith(name + "=")) {
                    value = a.substring(name.length() + 1);
                }
                if (value != null) {
                    out.add(name + "=" + cwd.resolve(value).toAbsolutePath().normalize());
                }
            }
        }
        return out;
    }

    static String key(Map<String, String> env, Path cwd, List<String> args) {
        // Loops, not lambdas, and FNV-1a rather than SHA-256: every command pays for this before it reaches the
        // engine, and the first lambda (~15 ms) and the JCA provider set-up (~40 ms) were a third of a warm
        // `list`. The hash only names a socket in the user's own 0700 folder; it guards nothing.
        StringBuilder material = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String v = e.getValue();
            if (isWorldVariable(e.getKey()) && v != null && !v.isBlank()) {
                material.append("env ").append(e.getKey()).append('=').append(v).append('\n');
            }
        }
        for (String o : worldOptions(args, cwd)) {
            material.append("option ").append(o).append('\n');
        }
        // The zone as the JVM resolved it (~7 ms of a relayed command for the zone database): its sources (TZ,
        // /etc/timezone, /etc/localtime, -Duser.timezone) cannot stand in for it, since the JVM sets user.timezone
        // once it has resolved the zone, and so a JVM that had resolved it and one that had not named two worlds.
        material.append("tz ").append(TimeZone.getDefault().getID()).append('\n');
        material.append("locale ").append(Locale.getDefault().toLanguageTag()).append('\n');
        material.append("user ").append(System.getProperty("user.name")).append('\n');
        long hash = 0xcbf29ce484222325L;
        for (byte b : material.toString().getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xFF)) * 0x100000001b3L;
        }
        String hex = Long.toHexString(hash);
        return "0".repeat(16 - hex.length()) + hex;
    }

    private static Path preferredDirectory(Map<String, String> env, Path cwd, List<String> args) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Path.of(runtime).isAbsolute()) {
            return Path.of(runtime, "llm-session");
        }
        return dataDirectory(env, cwd, args).resolve("engine");
    }

    /**
     * The store's directory as the storage adapter finds it without a configuration file: {@code --data-dir},
     * else {@code LLM_SESSION_HOME}, else {@code $XDG_DATA_HOME/llm-session}, else
     * {@code ~/.local/share/llm-session}. Only a meeting place: a {@code store.dir} in the configuration changes
     * the store, not where its engine is found.
     */
    static Path dataDirectory(Map<String, String> env, Path cwd, List<String> args) {
        for (String o : worldOptions(args, cwd)) {
            if (o.startsWith("--data-dir=")) {
                return Path.of(o.substring("--data-dir=".length()));
            }
        }
        String homeVar = env.get("HOME");
        Path home = homeVar == null || homeVar.isBlank() ? Path.of(System.getProperty("user.home")) : Path.of(homeVar);
        String own = env.get("LLM_SESSION_HOME");
        if (own != null && !own.isBlank()) {
            return expand(own.strip(), home);
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return expand(xdg.strip(), home).resolve("llm-session");
        }
        return home.resolve(".local").resolve("share").resolve("llm-session");
    }

    private static Path expand(String d, Path home) {
        if (d.equals("~")) {
            return home;
        }
        return d.startsWith("~/") ? home.resolve(d.substring(2)) : home.resolve(d);
    }

    /**
     * Creates the folder owner-only, or checks that an existing one is a real directory of this user that
     * nobody else can enter; why not, or null when it is fit for a socket.
     */
    public String prepareDirectory() {
        try {
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                Path parent = directory.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                if (posix()) {
                    Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createDirectory(directory);
                }
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // Created by a racing client or engine: checked below like any existing folder.
        } catch (IOException | RuntimeException e) {
            return "cannot create " + directory + ": " + e.getMessage();
        }
        return checkDirectory();
    }

    /** Why the folder must not be trusted with a socket, or null when it may. */
    public String checkDirectory() {
        try {
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                return directory + " is not a directory";
            }
            if (!posix()) {
                return null;
            }
            String owner = Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).getName();
            if (!owner.equals(System.getProperty("user.name"))) {
                return directory + " belongs to " + owner + ", not to " + System.getProperty("user.name");
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS);
            if (!OWNER_ONLY.containsAll(perms)) {
                return directory + " is open to others (" + PosixFilePermissions.toString(perms)
                        + "); it must be rwx------";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "cannot check " + directory + ": " + e.getMessage();
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
