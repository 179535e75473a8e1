package dev.llmsession.cli.manage;

import dev.llmsession.cli.render.Printable;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a live session is and how to get there: the tmux pane (the assistant's registry first, else the
 * {@code TMUX_PANE} of the process's environment) with the tmux server it belongs to, the terminal, the process.
 * Also what {@code attach} does about it, so the command and the monitor's {@code a} key behave the same. Never
 * types into a session.
 *
 * @param session the session
 * @param control what its adapter knows
 * @param pane    its tmux pane, if it runs in tmux
 * @param socket  the socket of that pane's tmux server, when the process's environment says ({@code TMUX})
 * @param tty     the process's terminal
 * @param term    the terminal program the process was started in ({@code TERM_PROGRAM}, else {@code TERM})
 */
public record Whereabouts(Session session, SessionControl control, Optional<String> pane, Optional<String> socket,
        Optional<String> tty, Optional<String> term) {

    /** Reads what the host tells about {@code session}'s process. */
    public static Whereabouts of(Session session, SessionControl control, ProcFs proc) {
        if (session.pid().isEmpty()) {
            return new Whereabouts(session, control, control.tmuxPane(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
        long pid = session.pid().getAsLong();
        Optional<String> envPane = proc.environment(pid, "TMUX_PANE");
        Optional<String> pane = control.tmuxPane().or(() -> envPane).filter(p -> p.matches("%\\d+"));
        Optional<String> socket = proc.environment(pid, "TMUX").map(t -> t.split(",", 2)[0]).filter(s -> !s.isBlank());
        return new Whereabouts(session, control, pane, socket, proc.tty(pid),
                proc.environment(pid, "TERM_PROGRAM").or(() -> proc.environment(pid, "TERM")));
    }

    /** One line per fact: pid, tmux pane, terminal, working directory. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        session.pid().ifPresent(p -> out.add("pid:       " + p));
        pane.ifPresent(p -> out.add("tmux pane: " + p + socket.map(s -> " (server " + Printable.inline(s) + ")")
                .orElse("")));
        tty.ifPresent(t -> out.add("tty:       " + Printable.inline(t)));
        term.ifPresent(t -> out.add("terminal:  " + Printable.inline(t)));
        control.cwd().or(session::cwd).ifPresent(c -> out.add("cwd:       " + Printable.inline(c)));
        if (control.background()) {
            out.add("runs in the background: " + Commands.shellLine(control.attachCommand()));
        }
        return out;
    }

    /**
     * Switches the tmux client of {@code ourTmux} (this process's {@code TMUX}) to the session's pane: possible when
     * both are on the same tmux server. Empty when done, else why not.
     */
    public Optional<String> switchClient(Optional<String> ourTmux) {
        if (pane.isEmpty()) {
            return Optional.of("it does not run in tmux");
        }
        if (ourTmux.isEmpty()) {
            return Optional.of("this terminal is not in tmux (attach with: tmux attach -t " + pane.get() + ")");
        }
        String ourSocket = ourTmux.get().split(",", 2)[0];
        if (socket.isPresent() && !socket.get().equals(ourSocket)) {
            return Optional.of("its pane is on another tmux server (" + Printable.inline(socket.get()) + ")");
        }
        List<String> tmux = List.of("tmux", "-S", ourSocket);
        for (List<String> step : List.of(List.of("switch-client", "-t", pane.get()),
                List.of("select-window", "-t", pane.get()), List.of("select-pane", "-t", pane.get()))) {
            List<String> command = new ArrayList<>(tmux);
            command.addAll(step);
            Commands.Outcome o = Commands.capture(command);
            if (!o.ok()) {
                return Optional.of("tmux " + step.get(0) + " failed: " + o.output());
            }
        }
        return Optional.empty();
    }
}
