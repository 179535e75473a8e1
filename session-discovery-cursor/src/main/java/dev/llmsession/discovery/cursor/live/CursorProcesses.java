package dev.llmsession.discovery.cursor.live;

import dev.llmsession.model.ProcessInfo;
import dev.llmsession.model.ProcessTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises Cursor's processes in a process table. Electron gives every helper (renderer, GPU, utility, zygote,
 * crashpad) a {@code --type=} argument; the IDE's main process is the Cursor process without one whose parent is
 * not Cursor. cursor-agent runs as its bundled {@code node} on {@code …/cursor-agent/versions/<v>/index.js}.
 */
public final class CursorProcesses {

    private CursorProcesses() {
    }

    /** A main process of the Cursor IDE, and the user data dir it serves. */
    public record Main(ProcessInfo process, Optional<Path> userDataDir) {
    }

    /** A running cursor-agent, with the folder it works in and the chat it resumed, when argv names them. */
    public record Agent(ProcessInfo process, Optional<String> workspace, Optional<String> resumedChat) {
    }

    /** The IDE main processes of {@code table}. */
    public static List<Main> mains(ProcessTable table) {
        List<Main> out = new ArrayList<>();
        for (ProcessInfo p : table.all()) {
            if (!isCursorIde(p) || isHelper(p) || isCliLauncher(p)) {
                continue;
            }
            Optional<ProcessInfo> parent = table.find(p.parentPid());
            if (parent.isPresent() && parent.get().pid() != p.pid() && isCursorIde(parent.get())
                    && !isCliLauncher(parent.get())) {
                continue; // a child of Cursor without --type= (e.g. a node service): not the main process
            }
            out.add(new Main(p, option(p.arguments(), "--user-data-dir").map(Path::of)));
        }
        out.sort(java.util.Comparator.comparingLong(m -> m.process().pid()));
        return out;
    }

    /** The cursor-agent processes of {@code table} (the node child of a launcher counts once). */
    public static List<Agent> agents(ProcessTable table) {
        List<Agent> out = new ArrayList<>();
        for (ProcessInfo p : table.all()) {
            if (!isAgent(p)) {
                continue;
            }
            Optional<ProcessInfo> parent = table.find(p.parentPid());
            if (parent.isPresent() && parent.get().pid() != p.pid() && isAgent(parent.get())) {
                continue;
            }
            Optional<String> workspace = option(p.arguments(), "--workspace");
            out.add(new Agent(p, workspace, option(p.arguments(), "--resume")));
        }
        out.sort(java.util.Comparator.comparingLong(a -> a.process().pid()));
        return out;
    }

    /** An executable named {@code cursor}/{@code Cursor}/{@code Cursor.exe}, not the agent. */
    static boolean isCursorIde(ProcessInfo p) {
        String exe = baseName(p.path().isEmpty() ? p.name() : p.path());
        String name = baseName(p.name());
        boolean named = exe.equals("cursor") || exe.equals("cursor.exe") || name.equals("cursor")
                || name.equals("cursor.exe");
        return named && !isAgent(p);
    }

    /** Has a {@code --type=} argument: an Electron helper, never the main process. */
    static boolean isHelper(ProcessInfo p) {
        return p.arguments().stream().anyMatch(a -> a.startsWith("--type="));
    }

    /** The short-lived {@code cursor} command (Electron run as node on the bundled {@code cli.js}). */
    static boolean isCliLauncher(ProcessInfo p) {
        return p.arguments().stream().anyMatch(a -> a.endsWith("/cli.js") || a.endsWith("\\cli.js"));
    }

    /** cursor-agent: its executable or an argument lives under {@code cursor-agent/versions/}. */
    static boolean isAgent(ProcessInfo p) {
        if (underAgentVersions(p.path())) {
            return true;
        }
        String name = baseName(p.name());
        if (name.equals("cursor-agent")) {
            return true;
        }
        return p.arguments().stream().anyMatch(CursorProcesses::underAgentVersions);
    }

    private static boolean underAgentVersions(String s) {
        String n = s.replace('\\', '/');
        return n.contains("/cursor-agent/versions/");
    }

    /** The value of {@code --name=value} or {@code --name value}. */
    static Optional<String> option(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith(name + "=")) {
                return Optional.of(a.substring(name.length() + 1)).filter(v -> !v.isBlank());
            }
            if (a.equals(name) && i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                return Optional.of(args.get(i + 1));
            }
        }
        return Optional.empty();
    }

    private static String baseName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        return slash >= 0 ? n.substring(slash + 1) : n;
    }
}
