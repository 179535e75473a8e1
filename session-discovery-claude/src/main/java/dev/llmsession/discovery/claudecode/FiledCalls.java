package dev.llmsession.discovery.claudecode;

import dev.llmsession.discovery.claudecode.transcript.UsageRecord;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this process last filed in the usage ledger for each project it assembled whole: per session (by its main
 * transcript, where its rows are keyed) a 128-bit digest of its calls, and the prices they were costed at. A
 * resident adapter that assembles a project again because one session appended a line then files that session
 * only, instead of rewriting the rows of every session in the project (thousands of rows, most of a command's
 * time). Kept by a process that watches the files only; anything uncertain (a failed commit, a running-only
 * filing, a cleared index) is forgotten, which files the whole project again. Thread-safe.
 */
final class FiledCalls {
    private static final long M1 = 0x9E3779B97F4A7C15L;
    private static final long M2 = 0xC2B2AE3D27D4EB4FL;

    /** Stands for a session filed outside this record: never equal to a real digest, so it is filed again. */
    private static final Digest UNKNOWN = new Digest(0x6c6c6d2d73657373L, 0x696f6e2d756e6b6eL);

    private final Map<Path, Project> projects = new ConcurrentHashMap<>();

    /** One project's filing: the prices' fingerprint and each session's calls digest by main transcript. */
    record Project(String prices, Map<String, Digest> sessions) {
        Project {
            sessions = Map.copyOf(sessions);
        }
    }

    /** A 128-bit digest of a session's calls, every field that goes into its rows, in order. */
    record Digest(long a, long b) {
        static Digest of(List<UsageRecord> calls) {
            long a = calls.size();
            long b = ~a;
            for (UsageRecord r : calls) {
                a = text(a, r.messageId(), M1);
                b = text(b, r.messageId(), M2);
                a = text(a, r.requestId(), M1);
                b = text(b, r.requestId(), M2);
                a = text(a, r.model(), M1);
                b = text(b, r.model(), M2);
                long[] numbers = {r.input(), r.output(), r.cacheWrite5m(), r.cacheWrite1h(), r.cacheWriteFlat(),
                    r.cacheRead(), r.timestamp() == null ? Long.MIN_VALUE : r.timestamp().getEpochSecond(),
                    r.timestamp() == null ? -1 : r.timestamp().getNano(),
                    (r.fast() ? 1 : 0) | (r.sidechain() ? 2 : 0) | (r.valid() ? 4 : 0)};
                for (long n : numbers) {
                    a = (a ^ n) * M1;
                    b = (b + n) * M2;
                    b ^= b >>> 29;
                }
            }
            return new Digest(a, b);
        }

        private static long text(long h, String s, long multiplier) {
            if (s == null) {
                return (h ^ 0x5bd1e995L) * multiplier;
            }
            h = (h ^ s.length()) * multiplier;
            for (int i = 0; i < s.length(); i++) {
                h = (h ^ s.charAt(i)) * multiplier;
                h ^= h >>> 31;
            }
            return h;
        }
    }

    /**
     * What to file for a project assembled whole: null when everything must be filed (nothing kept for it, or
     * other prices); else the main transcripts whose sessions' calls differ from the last filing ({@code changed})
     * and those filed then but decided no more ({@code gone}).
     */
    Delta delta(Path project, Project now) {
        Project before = projects.get(project);
        if (before == null || !before.prices().equals(now.prices())) {
            return null;
        }
        Set<String> changed = new java.util.HashSet<>();
        now.sessions().forEach((main, digest) -> {
            if (!digest.equals(before.sessions().get(main))) {
                changed.add(main);
            }
        });
        Set<String> gone = new java.util.HashSet<>(before.sessions().keySet());
        gone.removeAll(now.sessions().keySet());
        return new Delta(changed, gone);
    }

    /** Sessions to file again and sessions whose rows go, by main transcript. */
    record Delta(Set<String> changed, Set<String> gone) {
    }

    /** The filings of a commit that succeeded. */
    void filed(Map<Path, Project> filings) {
        projects.putAll(filings);
    }

    /** Forgets these projects' filings (a failed commit: they are filed whole next time). */
    void forget(Collection<Path> projectDirs) {
        projectDirs.forEach(projects::remove);
    }

    /**
     * Marks these sessions as filed outside this record (by a running-only assembly): the next whole filing files
     * them again, or clears them if they are decided no more.
     */
    void forgetSessions(Path project, Collection<String> mains) {
        projects.computeIfPresent(project, (dir, p) -> {
            Map<String, Digest> kept = new HashMap<>(p.sessions());
            mains.forEach(main -> kept.put(main, UNKNOWN));
            return new Project(p.prices(), kept);
        });
    }

    /** Forgets everything (the index was cleared). */
    void clear() {
        projects.clear();
    }
}
