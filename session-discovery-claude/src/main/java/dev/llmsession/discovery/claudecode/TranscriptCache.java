package dev.llmsession.discovery.claudecode;

import dev.llmsession.discovery.claudecode.transcript.FileSummary;
import dev.llmsession.discovery.claudecode.transcript.SummaryBuilder;
import dev.llmsession.discovery.claudecode.transcript.TranscriptReader;
import dev.llmsession.spi.IndexProgress;
import dev.llmsession.spi.TranscriptIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads transcript files incrementally against a {@link TranscriptIndex}: a file whose size, mtime and file key
 * are unchanged is not read at all (its summary comes from an in-process memo or, after a restart, from the
 * decoded index state); a grown file is read only from the offset after its last complete line, continuing the
 * stored parser state; a file that shrank, was replaced (other file key), was rewritten in place (the bytes it
 * had consumed differ, see {@link ReadFingerprint}) or whose state cannot be decoded is read from zero. Files are
 * read on a small pool, largest first. Each refresh commits its changes in a few transactions: the states of the
 * files read so far once 16 MiB of them are pending, while the others are read; the rest at the end.
 * Thread-safe.
 */
final class TranscriptCache {

    /** The adapter id under which entries are kept in the index. */
    static final String ADAPTER_ID = "claude-code";

    private static final Logger LOG = LoggerFactory.getLogger(TranscriptCache.class);

    /** The state of a memoised entry once it is stored: the index holds it, the memo need not. */
    private static final byte[] NO_STATE = new byte[0];
    /**
     * The encoded states of files read that make a commit while the other files are read (a first index of the 1 GB
     * corpus has ~10 MB of them: at 16 MiB, all were committed after the last read).
     */
    static final long STATE_BATCH_BYTES = 4L << 20;

    private final TranscriptReader reader;
    private final int threads;
    private final long stateBatchBytes;
    private final Map<Path, Memo> memos = new ConcurrentHashMap<>();
    private final AtomicLong statesDecoded = new AtomicLong();

    TranscriptCache(TranscriptReader reader) {
        this(reader, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    TranscriptCache(TranscriptReader reader, int threads) {
        this(reader, threads, STATE_BATCH_BYTES);
    }

    /** Test seam: {@code stateBatchBytes} of read files' states pending make a commit while the others are read. */
    TranscriptCache(TranscriptReader reader, int threads, long stateBatchBytes) {
        this.reader = reader;
        this.threads = threads;
        this.stateBatchBytes = stateBatchBytes;
    }

    /**
     * One file to read.
     *
     * @param path      the file
     * @param sidechain whether it is a sub-agent file
     * @param sessionId the session the file belongs to, or null when the file's own {@code sessionId} tells
     * @param stat      the file's stat taken by the caller this refresh, or null to take it here
     */
    record Job(Path path, boolean sidechain, String sessionId, FileStat stat) {
        Job(Path path, boolean sidechain, String sessionId) {
            this(path, sidechain, sessionId, null);
        }
    }

    /**
     * Told each job's summary as soon as it is known, on the thread that called {@code refresh} (so it needs no
     * locking of its own), while the other files are still being read; and which files to read first.
     */
    interface Sink {
        /** Tells nothing; files are read biggest first. */
        Sink NONE = new Sink() {
        };

        /** Files of a lower group are read first, each group's biggest first. */
        default long group(Path path) {
            return 0;
        }

        /** {@code path}'s summary is known (read now, or answered without a read). */
        default void summarised(Path path, FileSummary summary) {
        }

        /** Where the cache's commits run: at once, unless the refresh writes on a thread of its own. */
        default IndexWrites writes() {
            return IndexWrites.INLINE;
        }
    }

    /**
     * Brings every job's summary up to date, reading only what changed, and commits the changes to
     * {@code index} in a few transactions.
     *
     * @param gone tells, for an indexed path that is not among the jobs, whether its entry should be dropped
     */
    Map<Path, FileSummary> refresh(TranscriptIndex index, IndexProgress progress, List<Job> jobs,
            Predicate<Path> gone) {
        return refresh(index, progress, jobs, null, gone, List.of());
    }

    /**
     * Like {@link #refresh(TranscriptIndex, IndexProgress, List, Predicate)}, loading from {@code index} only the
     * entries of {@code only} (all entries when null), and also dropping the entries of {@code remove}.
     */
    Map<Path, FileSummary> refresh(TranscriptIndex index, IndexProgress progress, List<Job> jobs,
            Collection<String> only, Predicate<Path> gone, Collection<String> remove) {
        return refresh(index, progress, jobs, only, gone, remove, Sink.NONE);
    }

    /** Like the above, telling {@code sink} each summary as soon as it is known. */
    Map<Path, FileSummary> refresh(TranscriptIndex index, IndexProgress progress, List<Job> jobs,
            Collection<String> only, Predicate<Path> gone, Collection<String> remove, Sink sink) {
        // A file whose stat equals its memo's, and whose memo entry this process committed, is answered from the
        // memo without loading its index entry (a resident process refreshes thousands of unchanged files).
        // Another process may clear or rewrite the index meanwhile (doctor --rebuild-index): the memo still
        // holds exactly what the unchanged file says, and an entry missing from the index only makes the next
        // reader read that file itself. A clear also drops the project memo, which sends the next refresh here
        // with only == null: every entry is then loaded and compared again.
        List<Job> stated = new ArrayList<>(jobs.size());
        Map<String, Memo> trusted = new java.util.HashMap<>();
        for (Job job : jobs) {
            Job j = job.stat() != null ? job : new Job(job.path(), job.sidechain(), job.sessionId(),
                    FileStat.of(job.path()));
            stated.add(j);
            Memo memo = only == null ? null : answeringMemo(j);
            if (memo != null) {
                trusted.put(j.path().toString(), memo);
            }
        }
        Collection<String> toLoad = only;
        if (only != null && !trusted.isEmpty()) {
            toLoad = new ArrayList<>(only.size());
            for (String path : only) {
                if (!trusted.containsKey(path)) {
                    toLoad.add(path);
                }
            }
        }
        Map<String, TranscriptIndex.Entry> loaded = toLoad != null && toLoad.isEmpty() ? Map.of()
                : loadQuietly(index, toLoad);
        Map<Path, FileSummary> out = new ConcurrentHashMap<>();
        List<TranscriptIndex.Entry> upserts = new ArrayList<>();
        List<Plan> plans = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Job job : stated) {
            String key = job.path().toString();
            seen.add(key);
            Memo memo = trusted.get(key);
            if (memo != null) {
                out.put(job.path(), memo.summary);
                sink.summarised(job.path(), memo.summary);
                continue;
            }
            Plan plan = plan(job, loaded.get(key), out, upserts);
            if (plan != null) {
                plans.add(plan);
            } else {
                sink.summarised(job.path(), out.get(job.path()));
            }
        }
        long totalFiles = jobs.size();
        long totalBytes = plans.stream().mapToLong(Plan::bytes).sum();
        AtomicLong filesDone = new AtomicLong(totalFiles - plans.size());
        AtomicLong bytesDone = new AtomicLong();
        progress.progress(filesDone.get(), totalFiles, 0, totalBytes);
        plans.sort(Comparator.comparingLong((Plan p) -> sink.group(p.job.path()))
                .thenComparing(Comparator.comparingLong(Plan::bytes).reversed()));
        // handed over as a queue so that each plan (and its parser state) is released once its file is read
        java.util.Queue<Plan> queue = new java.util.ArrayDeque<>(plans);
        plans = null;
        List<TranscriptIndex.Entry> pending = new ArrayList<>();
        long[] pendingBytes = {0};
        readAll(queue, plan -> {
            // a huge file's ranges move the bar as they are folded; the file's rest counts when it is done
            AtomicLong told = new AtomicLong();
            TranscriptIndex.Entry entry = execute(plan, out, bytes -> {
                told.addAndGet(bytes);
                progress.progress(filesDone.get(), totalFiles, bytesDone.addAndGet(bytes), totalBytes);
            });
            progress.progress(filesDone.incrementAndGet(), totalFiles,
                    bytesDone.addAndGet(Math.max(0, plan.bytes() - told.get())), totalBytes);
            return entry;
        }, (path, entry) -> {
            // the states of the files read so far are stored while the others are read, a few batches in all
            if (entry != null) {
                pending.add(entry);
                pendingBytes[0] += entry.state().length;
                if (pendingBytes[0] >= stateBatchBytes) {
                    List<TranscriptIndex.Entry> batch = List.copyOf(pending);
                    sink.writes().submit(() -> store(index, batch, List.of()));
                    pending.clear();
                    pendingBytes[0] = 0;
                }
            }
            sink.summarised(path, out.get(path));
        });
        upserts.addAll(pending);
        Set<String> removed = new java.util.LinkedHashSet<>();
        for (String path : remove) {
            if (!seen.contains(path)) {
                removed.add(path);
                memos.remove(Path.of(path));
            }
        }
        for (String path : loaded.keySet()) {
            if (!seen.contains(path) && gone.test(Path.of(path))) {
                removed.add(path);
                memos.remove(Path.of(path));
            }
        }
        sink.writes().submit(() -> store(index, upserts, removed));
        return out;
    }

    /**
     * Commits {@code upserts} and {@code removed} in one transaction. Once stored, the memo keeps each file's summary
     * but no longer its encoded state (a huge file's is tens of megabytes, and the summary already holds the same
     * calls decoded); a failed commit leaves the states in the memo, for the next refresh to store.
     */
    private void store(TranscriptIndex index, List<TranscriptIndex.Entry> upserts, Collection<String> removed) {
        if (upserts.isEmpty() && removed.isEmpty()) {
            return;
        }
        try {
            // no usage rows here: a file's calls are decided per session, and filed by the discovery
            index.commit(ADAPTER_ID, new TranscriptIndex.Commit(upserts, List.copyOf(removed), Map.of()));
            for (TranscriptIndex.Entry e : upserts) {
                memos.computeIfPresent(Path.of(e.path()),
                        (p, m) -> m.entry == e ? new Memo(m.stat, m.sidechain, m.summary, withoutState(e)) : m);
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot store the transcript index: {}", e.toString());
        }
    }

    /** The memo that answers {@code job} (stat taken) alone: same stat, and an entry this process stored; or null. */
    private Memo answeringMemo(Job job) {
        Memo memo = memos.get(job.path());
        return memo != null && job.stat() != null && memo.stat.equals(job.stat()) && memo.sidechain == job.sidechain()
                && memo.entry.state().length == 0 ? memo : null;
    }

    /** Forgets every memoised file: the index was cleared, so each is read (and committed) again. */
    void forgetAll() {
        memos.clear();
    }

    /** Forgets memoised files not in {@code paths}. */
    void retainOnly(Set<Path> paths) {
        memos.keySet().retainAll(paths);
    }

    /** Test seam: how many stored file states this cache has decoded so far. */
    long statesDecoded() {
        return statesDecoded.get();
    }

    /** Number of memoised files. */
    int size() {
        return memos.size();
    }

    /** Decides how to bring one file up to date; null when it needs no read (its summary is then in out). */
    private Plan plan(Job job, TranscriptIndex.Entry entry, Map<Path, FileSummary> out,
            List<TranscriptIndex.Entry> upserts) {
        Path path = job.path();
        FileStat st = job.stat() != null ? job.stat() : FileStat.of(path);
        if (st == null) {
            memos.remove(path);
            out.put(path, reader.read(path, job.sidechain()));
            return null;
        }
        Memo memo = memos.get(path);
        if (memo != null && memo.stat.equals(st) && memo.sidechain == job.sidechain()) {
            if (sameFile(entry, memo.entry)) {
                out.put(path, memo.summary);
                return null;
            }
            if (memo.entry.state().length > 0) {
                // its last commit failed: the memo still holds the state to store
                out.put(path, memo.summary);
                upserts.add(memo.entry);
                return null;
            }
            // the index lost an entry the memo no longer holds the state of: bring the file up to date anew
        }
        if (entry != null && entry.fileKey().equals(st.key()) && entry.size() <= st.size()
                && entry.offset() <= st.size()) {
            statesDecoded.incrementAndGet();
            SummaryBuilder builder = SummaryBuilder.restore(ReadFingerprint.state(entry.state()), job.sidechain())
                    .orElse(null);
            boolean unchanged = entry.size() == st.size() && entry.mtime() == st.mtimeMillis();
            // a file rewritten in place (same inode) and grown would be continued from a stale offset: its
            // consumed bytes must still be those the state was folded from
            if (builder != null && !unchanged
                    && !ReadFingerprint.matches(path, entry.offset(), ReadFingerprint.fingerprint(entry.state()))) {
                builder = null;
            }
            if (builder != null) {
                // unchanged and ending in a newline: nothing to read (a file ending in a line without one is read
                // from the offset again, so that line counts if it is a whole object)
                if (unchanged && entry.offset() == st.size()) {
                    builder.partialTail(st.size() - entry.offset());
                    FileSummary summary = builder.build(path, st.size(), st.modified(), entry.offset(), false);
                    memos.put(path, new Memo(st, job.sidechain(), summary, withoutState(entry)));
                    out.put(path, summary);
                    return null;
                }
                return new Plan(job, st, builder, entry.offset());
            }
        }
        return new Plan(job, st, new SummaryBuilder(job.sidechain()), 0);
    }

    private TranscriptIndex.Entry execute(Plan plan, Map<Path, FileSummary> out, LongConsumer onRange) {
        Path path = plan.job.path();
        FileSummary summary = reader.resume(path, plan.builder, plan.from, plan.stat.size(), plan.stat.modified(),
                onRange);
        out.put(path, summary);
        if (summary.unreadable()) {
            memos.remove(path);
            return null;
        }
        TranscriptIndex.Entry entry = new TranscriptIndex.Entry(path.toString(), plan.stat.key(), plan.stat.size(),
                plan.stat.mtimeMillis(), summary.completeBytes(),
                plan.builder.snapshot(ReadFingerprint.prefix(ReadFingerprint.of(path, summary.completeBytes()))));
        memos.put(path, new Memo(plan.stat, plan.job.sidechain(), summary, entry));
        return entry;
    }

    /**
     * Reads every plan of {@code plans}, emptying it: a plan is referenced only until its file is read. Each file
     * read is told to {@code done} on this thread, in the order the reads end, with its entry to store (null when it
     * was unreadable).
     */
    private void readAll(java.util.Queue<Plan> plans, java.util.function.Function<Plan, TranscriptIndex.Entry> work,
            java.util.function.BiConsumer<Path, TranscriptIndex.Entry> done) {
        int n = Math.min(threads, plans.size());
        if (n <= 1) {
            for (Plan plan = plans.poll(); plan != null; plan = plans.poll()) {
                done.accept(plan.job.path(), work.apply(plan));
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(n,
                ClaudeCodeSessionDiscovery.daemonThreads("claude-transcript-reader"));
        try {
            java.util.concurrent.CompletionService<Read> reads = new java.util.concurrent.ExecutorCompletionService<>(pool);
            int submitted = 0;
            for (Plan plan = plans.poll(); plan != null; plan = plans.poll()) {
                Plan p = plan;
                reads.submit(() -> new Read(p.job.path(), work.apply(p)));
                submitted++;
            }
            for (int i = 0; i < submitted; i++) {
                Read read = reads.take().get();
                done.accept(read.path(), read.entry());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading transcripts", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading transcripts failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One file read: its path and the entry to store (null when it was unreadable). */
    private record Read(Path path, TranscriptIndex.Entry entry) {
    }

    private static Map<String, TranscriptIndex.Entry> loadQuietly(TranscriptIndex index, Collection<String> only) {
        try {
            return only == null ? index.load(ADAPTER_ID) : index.load(ADAPTER_ID, only);
        } catch (RuntimeException e) {
            LOG.warn("cannot load the transcript index, reading everything: {}", e.toString());
            return Map.of();
        }
    }

    /** The entry without its state, as the memo keeps it once the entry is stored. */
    private static TranscriptIndex.Entry withoutState(TranscriptIndex.Entry e) {
        return new TranscriptIndex.Entry(e.path(), e.fileKey(), e.size(), e.mtime(), e.offset(), NO_STATE);
    }

    private static boolean sameFile(TranscriptIndex.Entry a, TranscriptIndex.Entry b) {
        return a != null && a.fileKey().equals(b.fileKey()) && a.size() == b.size() && a.mtime() == b.mtime()
                && a.offset() == b.offset();
    }

    /** A file to read, from {@code from} on, continuing {@code builder}. */
    private record Plan(Job job, FileStat stat, SummaryBuilder builder, long from) {
        long bytes() {
            return Math.max(0, stat.size() - from);
        }
    }

    /** The last summary of a file, valid while its stat is unchanged. */
    private record Memo(FileStat stat, boolean sidechain, FileSummary summary, TranscriptIndex.Entry entry) {
    }
}
