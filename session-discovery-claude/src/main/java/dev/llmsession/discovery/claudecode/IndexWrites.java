package dev.llmsession.discovery.claudecode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index commits of one refresh, run in the order given: either at once on the calling thread, or on a thread of
 * their own while the caller goes on. A first index commits file states, usage rows, project memos and claims —
 * SQLite's work, 3 s of this thread's wall time for the 1 GB corpus at load 8 — and neither the reading nor the
 * filing of the next projects nor the sessions' mapping needs them: on a thread of their own they run beside those,
 * and after the last read on the core the readers left idle. Each commit handles
 * its own failure (the callers log it and note what was not stored); {@link #finish()} waits for the last.
 * Not thread-safe: one refreshing thread submits.
 */
final class IndexWrites {
    /** Runs each commit at once on the caller's thread (a running-only refresh: a few small commits). */
    static final IndexWrites INLINE = new IndexWrites(null);

    private static final Logger LOG = LoggerFactory.getLogger(IndexWrites.class);

    private final ExecutorService thread;
    /** Nanoseconds the commits took on their thread. */
    private final AtomicLong busy = new AtomicLong();
    private final List<Future<?>> submitted = new ArrayList<>();
    /** The first commit's failure that its own handling let through; set on the writes' thread. */
    private volatile Throwable failed;

    private IndexWrites(ExecutorService thread) {
        this.thread = thread;
    }

    /** Commits on a thread of their own, started now. */
    static IndexWrites onThreadOfTheirOwn() {
        return new IndexWrites(Executors.newSingleThreadExecutor(
                ClaudeCodeSessionDiscovery.daemonThreads("claude-index-writer")));
    }

    /** Runs {@code commit} after every commit submitted before it. */
    void submit(Runnable commit) {
        if (thread == null) {
            commit.run();
        } else {
            submitted.add(thread.submit(() -> {
                // a commit that failed unhandled ends the writes, as it would have ended the refresh: no later
                // commit runs (what a killed process leaves)
                if (failed == null) {
                    long started = System.nanoTime();
                    try {
                        commit.run();
                    } catch (RuntimeException | Error e) {
                        failed = e;
                    } finally {
                        busy.addAndGet(System.nanoTime() - started);
                    }
                }
            }));
        }
    }

    /** Waits until every submitted commit has run; afterwards nothing more may be submitted. */
    void finish() {
        if (thread == null) {
            return;
        }
        thread.shutdown();
        long waiting = System.nanoTime();
        try {
            for (Future<?> commit : submitted) {
                commit.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the index was written", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("writing the index failed", e.getCause());
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("index: {} commits on their own thread in {} ms, the last {} ms waited for",
                    submitted.size(), busy.get() / 1_000_000, (System.nanoTime() - waiting) / 1_000_000);
        }
        // thrown here as the commit threw it, as if it had run on this thread
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
    }
}
