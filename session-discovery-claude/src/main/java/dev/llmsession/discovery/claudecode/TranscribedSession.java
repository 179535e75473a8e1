package dev.llmsession.discovery.claudecode;

import dev.llmsession.discovery.claudecode.transcript.FileSummary;
import dev.llmsession.discovery.claudecode.transcript.StateSignal;
import dev.llmsession.model.Cost;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.TokenFigures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Everything a {@link dev.llmsession.model.Session} takes from one session's transcripts once its project directory
 * has been assembled: the cut between the transcript work (cached per project) and the live work (process
 * matching, activity, context window) that every refresh redoes.
 *
 * @param sessionId      the session id (main file name)
 * @param mainMissing    the main file is unreadable and has no timestamp (the session is then built as if it had
 *                       no transcript)
 * @param firstTimestamp the main file's earliest line time, or null
 * @param lastTimestamp  the latest line time over all files, or null
 * @param earliestAny    the earliest line time over all files, or null
 * @param mainModified   the main file's modification time, or null
 * @param cwd            the main file's cwd, else the first sub-agent file's, or null
 * @param gitBranch      the main file's branch, or null
 * @param title          the main file's explicit title, else its first prompt, or null
 * @param model          the main file's latest model, or null
 * @param windowModel    the model the context window is resolved for, or null
 * @param maxContext     the largest main-chain context seen
 * @param context        the current context fill
 * @param signal         the main file's last meaningful line
 * @param tokens         the session's tokens (SPEC §4 rules applied project-wide)
 * @param cost           their cost
 * @param errors         error counts
 * @param quality        data-quality counters
 * @param sources        every file of the session, main first
 */
record TranscribedSession(String sessionId, boolean mainMissing, Instant firstTimestamp, Instant lastTimestamp,
        Instant earliestAny, Instant mainModified, String cwd, String gitBranch, String title, String model,
        String windowModel, long maxContext, OptionalLong context, StateSignal signal, TokenFigures tokens, Cost cost,
        ErrorCounts errors, DataQuality quality, List<Path> sources) {

    TranscribedSession {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(quality, "quality");
        sources = List.copyOf(sources);
    }

    /** The cut of one assembled session. */
    static TranscribedSession of(TranscriptSet set, SessionAssembler.SessionFigures figures) {
        FileSummary main = set.main();
        Instant last = null;
        Instant earliestAny = null;
        List<Path> sources = new ArrayList<>();
        for (FileSummary f : set.files()) {
            sources.add(f.path());
            if (f.lastTimestamp() != null && (last == null || f.lastTimestamp().isAfter(last))) {
                last = f.lastTimestamp();
            }
            if (f.firstTimestamp() != null && (earliestAny == null || f.firstTimestamp().isBefore(earliestAny))) {
                earliestAny = f.firstTimestamp();
            }
        }
        String cwd = main.cwd();
        if (cwd == null) {
            cwd = set.agents().stream().map(FileSummary::cwd).filter(x -> x != null).findFirst().orElse(null);
        }
        String title = main.explicitTitle() != null ? main.explicitTitle() : main.firstPrompt();
        String windowModel = main.contextModel() != null ? main.contextModel() : main.model();
        return new TranscribedSession(set.sessionId(), main.unreadable() && main.lastTimestamp() == null,
                main.firstTimestamp(), last, earliestAny, main.modified(), cwd, main.gitBranch(), title, main.model(),
                windowModel, main.maxContext(), main.context(), main.signal(), figures.tokens(), figures.cost(),
                figures.errors(), figures.quality(), sources);
    }
}
