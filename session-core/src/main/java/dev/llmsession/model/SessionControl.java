package dev.llmsession.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an adapter knows about where a session lives and how its own assistant acts on it: the terminal pane, the
 * assistant's own attach and stop commands for sessions it runs in the background, how to resume it, and the
 * process start it recorded (so a recycled pid is never mistaken for the session). Commands are argument lists,
 * never shell text.
 *
 * @param pid             the session's process as the assistant registered it, if live
 * @param processStart    the process start the assistant recorded for that pid, in the host's own notation (on
 *                        Linux the clock ticks of {@code /proc/<pid>/stat} field 22), if recorded
 * @param tmuxPane        the tmux pane ({@code %3}) the assistant says it runs in
 * @param background      whether the assistant runs it detached from any terminal (a background job)
 * @param attachCommand   the assistant's own command that brings a background session to this terminal
 * @param stopCommand     the assistant's own command that ends the session cleanly
 * @param resumeCommand   the command that continues the session, run in {@code cwd}
 * @param cwd             where the session runs (and resumes)
 * @since 0.1
 */
public record SessionControl(OptionalLong pid, Optional<String> processStart, Optional<String> tmuxPane,
        boolean background, List<String> attachCommand, List<String> stopCommand, List<String> resumeCommand,
        Optional<String> cwd) {
    public SessionControl {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(processStart, "processStart");
        Objects.requireNonNull(tmuxPane, "tmuxPane");
        attachCommand = List.copyOf(attachCommand);
        stopCommand = List.copyOf(stopCommand);
        resumeCommand = List.copyOf(resumeCommand);
        Objects.requireNonNull(cwd, "cwd");
    }

    /** Only a resume command: what an adapter of ended sessions, or of an assistant without a registry, knows. */
    public static SessionControl resumeOnly(Session session, List<String> resumeCommand) {
        return new SessionControl(session.pid(), Optional.empty(), Optional.empty(), false, List.of(), List.of(),
                resumeCommand, session.cwd());
    }
}
