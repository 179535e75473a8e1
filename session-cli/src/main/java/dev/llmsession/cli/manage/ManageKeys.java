package dev.llmsession.cli.manage;

import dev.llmsession.LlmSessions;
import dev.llmsession.cli.monitor.MonitorBinding;
import dev.llmsession.cli.render.Printable;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionControl;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The monitor's manage keys, as bindings (each runs on the monitor's background thread and answers with one status
 * line): {@code a} attach (switch this tmux client to the session's pane, else say where it is), {@code l} logs (a
 * tmux split following the session's logs, else the command to run), {@code K} stop (pressed twice on the same
 * session within {@link #CONFIRM_WITHIN}: the second press is the confirmation) and {@code y} copy the resume command
 * to the clipboard: in tmux into its buffer ({@code set-buffer -w}, which tmux forwards to the terminal's
 * clipboard), elsewhere with OSC 52 (terminals without it ignore the sequence; the status line shows the command
 * either way).
 */
public final class ManageKeys {
    /** How long a first {@code K} waits for the second. */
    public static final Duration CONFIRM_WITHIN = Duration.ofSeconds(5);

    private ManageKeys() {
    }

    /**
     * @param lib       the library (for each session's control), built at the first key that needs it: a monitor fed
     *                  by the engine has none of its own until then
     * @param ourTmux   this process's {@code TMUX}, when the monitor runs in tmux
     * @param self      how to start this program again ({@code java -jar llm-session.jar}), for the logs split
     * @param clipboard writes a raw sequence to the terminal (the OSC 52 copy); empty when the terminal cannot take one
     * @param clock     the clock of the stop confirmation
     */
    /** The command line that started this process, up to the {@code monitor} subcommand; empty when unknown. */
    public static List<String> self() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        if (info.command().isEmpty() || info.arguments().isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(List.of(info.command().get()));
        for (String a : info.arguments().get()) {
            if (a.equals("monitor")) {
                return out;
            }
            out.add(a);
        }
        return List.of();
    }

    public static List<MonitorBinding> bindings(Supplier<LlmSessions> lib, Optional<String> ourTmux, List<String> self,
            Optional<Consumer<String>> clipboard, Clock clock) {
        ProcFs proc = new ProcFs();
        AtomicReference<Armed> armed = new AtomicReference<>();
        List<MonitorBinding> keys = new ArrayList<>();
        keys.add(new MonitorBinding('a', "attach", s -> attach(s, lib.get().control(s), ourTmux, proc)));
        keys.add(new MonitorBinding('l', "logs", s -> logs(s, ourTmux, self)));
        keys.add(new MonitorBinding('K', "stop", s -> stop(s, lib.get().control(s), armed, clock, proc)));
        keys.add(new MonitorBinding('y', "copy resume", s -> copy(s, lib.get().control(s), ourTmux, clipboard)));
        return keys;
    }

    static String attach(Session s, SessionControl control, Optional<String> ourTmux, ProcFs proc) {
        if (!s.running()) {
            return s.id().shortValue() + " is not running (y copies its resume command)";
        }
        if (control.background() && !control.attachCommand().isEmpty()) {
            return "background session: attach with " + Commands.shellLine(control.attachCommand());
        }
        Whereabouts where = Whereabouts.of(s, control, proc);
        Optional<String> why = where.switchClient(ourTmux);
        if (why.isEmpty()) {
            return "switched to tmux pane " + where.pane().orElseThrow();
        }
        return Printable.inline("not switched: " + why.get() + "; " + String.join(", ", where.describe())
                .replaceAll(" {2,}", " "));
    }

    static String logs(Session s, Optional<String> ourTmux, List<String> self) {
        List<String> logs = new ArrayList<>(self);
        logs.addAll(List.of("logs", "-f", s.id().value()));
        if (ourTmux.isEmpty() || self.isEmpty()) {
            return "logs: run llm-session logs -f " + s.id().value() + " (a split needs tmux)";
        }
        List<String> split = new ArrayList<>(List.of("tmux", "-S", ourTmux.get().split(",", 2)[0], "split-window",
                "-v", "-l", "40%"));
        split.addAll(logs);
        Commands.Outcome o = Commands.capture(split);
        return o.ok() ? "logs of " + s.id().shortValue() + " in a new tmux pane below" : "logs: tmux split-window "
                + "failed: " + o.output();
    }

    static String stop(Session s, SessionControl control, AtomicReference<Armed> armed, Clock clock, ProcFs proc) {
        Instant now = clock.instant();
        Armed before = armed.getAndSet(null);
        if (before == null || !before.session().equals(s.id().value())
                || Duration.between(before.at(), now).compareTo(CONFIRM_WITHIN) > 0) {
            if (!s.running()) {
                return s.id().shortValue() + " is not running";
            }
            armed.set(new Armed(s.id().value(), now));
            return "press K again within " + CONFIRM_WITHIN.toSeconds() + "s to stop " + s.id().shortValue()
                    + (control.background() ? " with " + Commands.shellLine(control.stopCommand())
                            : s.pid().stream().mapToObj(p -> " (SIGTERM to pid " + p + ")").findFirst().orElse(""));
        }
        if (control.background() && !control.stopCommand().isEmpty()) {
            Commands.Outcome o = Commands.capture(control.stopCommand());
            return (o.ok() ? "stopped " : "stop failed: ") + s.id().shortValue() + " " + o.output();
        }
        Ownership.Result owner = new Ownership(proc).check(s, control);
        if (owner.refusal().isPresent()) {
            return Printable.inline("not stopped: " + owner.refusal().get());
        }
        return owner.process().orElseThrow().destroy() ? "SIGTERM sent to " + s.id().shortValue() + " (pid "
                + owner.process().get().pid() + ")" : "could not signal pid " + owner.process().get().pid();
    }

    static String copy(Session s, SessionControl control, Optional<String> ourTmux,
            Optional<Consumer<String>> clipboard) {
        if (control.resumeCommand().isEmpty()) {
            return "the " + s.assistant() + " adapter does not say how to resume";
        }
        String line = control.cwd().or(s::cwd).map(c -> "cd " + Commands.quote(c) + " && ").orElse("")
                + Commands.shellLine(control.resumeCommand());
        if (ourTmux.isPresent()) {
            // tmux ignores an application's OSC 52 by default (set-clipboard external): its own buffer, with -w
            // forwarded to the outer terminal's clipboard, is what works there
            Commands.Outcome o = Commands.capture(List.of("tmux", "-S", ourTmux.get().split(",", 2)[0], "set-buffer",
                    "-w", "--", line));
            return (o.ok() ? "copied to the tmux buffer: " : "resume with: ") + line;
        }
        if (clipboard.isEmpty()) {
            return "resume with: " + line;
        }
        clipboard.get().accept(osc52(line));
        return "copied: " + line;
    }

    /** The OSC 52 sequence that puts {@code text} on the terminal's clipboard. */
    static String osc52(String text) {
        return "\u001b]52;c;" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\u0007";
    }

    /** A first {@code K}: which session, when. */
    record Armed(String session, Instant at) {
    }
}
