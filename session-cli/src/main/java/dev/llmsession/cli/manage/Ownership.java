package dev.llmsession.cli.manage;

import dev.llmsession.cli.render.Printable;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionControl;
import java.util.Optional;

/**
 * Whether the process now behind a session's pid is still the session's own: it must be alive, and when the
 * assistant recorded its process start (Claude Code's {@code procStart}), the start read now must be the same — a
 * different one means the session ended and the pid was given to another process. Nothing is ever signalled
 * before this says yes. Stateless.
 */
public final class Ownership {
    private final ProcFs proc;

    public Ownership(ProcFs proc) {
        this.proc = proc;
    }

    /** The session's live process, or why there is none that is provably its own. */
    public Result check(Session session, SessionControl control) {
        if (session.pid().isEmpty()) {
            return Result.refused(session.id() + " is not running (no live process)");
        }
        long pid = session.pid().getAsLong();
        if (control.pid().isPresent() && control.pid().getAsLong() != pid) {
            return Result.refused(session.id() + ": the assistant registered pid " + control.pid().getAsLong()
                    + ", the listing found " + pid + "; refusing to guess");
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return Result.refused(session.id() + ": pid " + pid + " is no longer running");
        }
        if (control.processStart().isPresent()) {
            Optional<String> now = proc.startTicks(pid);
            if (now.isPresent() && !now.get().equals(control.processStart().get().strip())) {
                return Result.refused(session.id() + ": pid " + pid + " started at tick " + now.get()
                        + ", the session's process at tick " + Printable.inline(control.processStart().get())
                        + ": the pid was reused by another process; refusing to signal it");
            }
        }
        return new Result(handle, Optional.empty());
    }

    /**
     * The outcome of a check.
     *
     * @param process the session's own live process
     * @param refusal why there is none
     */
    public record Result(Optional<ProcessHandle> process, Optional<String> refusal) {
        static Result refused(String why) {
            return new Result(Optional.empty(), Optional.of(why));
        }
    }
}
