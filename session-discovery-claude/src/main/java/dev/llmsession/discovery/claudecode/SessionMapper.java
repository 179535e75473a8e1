package dev.llmsession.discovery.claudecode;

import dev.llmsession.discovery.claudecode.Inventory.MainFile;
import dev.llmsession.discovery.claudecode.LiveSessions.Live;
import dev.llmsession.discovery.claudecode.live.RegistryEntry;
import dev.llmsession.discovery.claudecode.live.StatusLineFeed;
import dev.llmsession.discovery.claudecode.pricing.ContextWindows;
import dev.llmsession.discovery.claudecode.transcript.StateSignal;
import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import dev.llmsession.model.ContextFill;
import dev.llmsession.model.Cost;
import dev.llmsession.model.DataQuality;
import dev.llmsession.model.ErrorCounts;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import dev.llmsession.model.TokenFigures;
import dev.llmsession.model.TokenSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The last stage of a refresh: one wanted session and its assembled figures become a {@link Session} (start, last
 * activity, state from the registry and the transcript's last signal, context window, cost). Stateless: a listing's window resolutions come with each call.
 */
final class SessionMapper {

    /** A session a refresh wants: a main transcript (null for a live process without one yet), live or ended. */
    record Candidate(MainFile file, Live live) {
    }


    /**
     * The session {@code c} stands for, from its assembled figures ({@code parsed}, null when nothing was read); null
     * when it has no id, or is an ended session whose transcript could not be read (told to {@code problems}).
     */
    Session map(Candidate c, TranscribedSession parsed, Instant now, StatusLineFeed.Snapshot spool,
            WindowResolver.Pass windows, List<String> problems, Set<String> unpriced) {
        Optional<RegistryEntry> entry = c.live() == null ? Optional.empty() : c.live().entry();
        String nativeId = c.file() != null ? c.file().sessionId() : entry.map(RegistryEntry::sessionId).orElse(null);
        if (nativeId == null || nativeId.isEmpty()) {
            return null;
        }
        SessionId id = new SessionId(ClaudeCodeSessionDiscovery.ID_PREFIX, nativeId);
        OptionalLong pid = c.live() == null ? OptionalLong.empty() : OptionalLong.of(c.live().process().pid());
        List<String> args = c.live() == null ? List.of() : c.live().process().arguments();
        Path root = c.live() != null ? c.live().root() : c.file() != null ? c.file().root() : null;

        if (parsed == null || parsed.mainMissing()) {
            if (c.live() == null) {
                problems.add("skipped " + nativeId + ": transcript unreadable");
                return null;
            }
            Instant start = entry.flatMap(RegistryEntry::startedAt)
                    .or(() -> c.live().process().startedAt()).orElse(now);
            Instant last = entry.flatMap(RegistryEntry::updatedAt).filter(u -> u.isAfter(start)).orElse(start);
            Optional<String> cwd = entry.flatMap(RegistryEntry::cwd).or(() -> c.live().process().cwd());
            Activity activity = StateResolver.resolve(entry, new StateSignal(StateSignal.Kind.NONE,
                    "no transcript yet", null), null, last, now);
            if (activity.state() == ActivityState.UNKNOWN) {
                activity = Activity.of(ActivityState.WAITING_INPUT, "live process, no transcript yet");
            }
            WindowResolver.Window w = exactWindow(spool, nativeId)
                    .orElseGet(() -> windows.resolve(null, 0, root, cwd.orElse(null), args));
            DataQuality quality = parsed == null ? DataQuality.CLEAN : parsed.quality();
            return new Session(id, ClaudeCodeSessionDiscovery.ASSISTANT, pid, activity, cwd, Optional.empty(), Optional.empty(),
                    Optional.empty(), start, last, TokenFigures.UNKNOWN,
                    new ContextFill(OptionalLong.empty(), w.size(), w.assumed(),
                            OptionalLong.of(ContextWindows.autoCompactAt(w.size())), TokenSource.UNKNOWN),
                    Cost.UNKNOWN, ErrorCounts.NONE, quality,
                    c.file() == null ? List.of() : List.of(c.file().path()), entry.flatMap(RegistryEntry::sessionKind));
        }

        Instant last = parsed.lastTimestamp();
        if (last == null) {
            last = parsed.mainModified() != null ? parsed.mainModified() : c.file().modified();
        }
        Instant earliestAny = parsed.earliestAny();
        Instant fallbackStart = earliestAny != null ? earliestAny : last;
        Instant start = parsed.firstTimestamp() != null ? parsed.firstTimestamp()
                : entry.flatMap(RegistryEntry::startedAt).orElse(fallbackStart);
        Optional<String> cwd = Optional.ofNullable(parsed.cwd())
                .or(() -> entry.flatMap(RegistryEntry::cwd))
                .or(() -> c.live() == null ? Optional.empty() : c.live().process().cwd());
        Optional<String> branch = Optional.ofNullable(parsed.gitBranch());
        Optional<String> title = Optional.ofNullable(parsed.title());
        Optional<String> model = Optional.ofNullable(parsed.model());

        WindowResolver.Window w = exactWindow(spool, nativeId).orElseGet(() -> windows.resolve(parsed.windowModel(),
                parsed.maxContext(), root, cwd.orElse(null), args));
        OptionalLong tokens = parsed.context();
        ContextFill fill = new ContextFill(tokens, w.size(), w.assumed(),
                OptionalLong.of(ContextWindows.autoCompactAt(w.size())),
                tokens.isPresent() ? TokenSource.MEASURED : TokenSource.UNKNOWN);

        Activity activity;
        if (c.live() == null) {
            activity = Activity.of(ActivityState.ENDED, "no live claude process");
        } else {
            activity = StateResolver.resolve(entry, parsed.signal(), parsed.mainModified(), last, now);
            if (entry.isEmpty()) {
                activity = Activity.of(activity.state(), activity.evidence() + " (pid " + c.live().process().pid()
                        + " matched by cwd)");
            }
        }
        unpriced.addAll(parsed.cost().unpricedModels());
        return new Session(id, ClaudeCodeSessionDiscovery.ASSISTANT, pid, activity, cwd, branch, title, model, start, last, parsed.tokens(),
                fill, parsed.cost(), parsed.errors(), parsed.quality(), parsed.sources(),
                entry.flatMap(RegistryEntry::sessionKind));
    }

    /** The window Claude Code itself reported for the session through the status line: exact, never assumed. */
    private static Optional<WindowResolver.Window> exactWindow(StatusLineFeed.Snapshot spool, String sessionId) {
        return spool.latest(sessionId).flatMap(p -> p.window().isPresent()
                ? Optional.of(new WindowResolver.Window(p.window().getAsLong(), false)) : Optional.empty());
    }
}
