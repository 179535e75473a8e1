package dev.llmsession.internal;

import dev.llmsession.spi.SessionStore;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store being opened on a thread of its own while its caller goes on creating the other providers; {@link #await}
 * hands it over, or throws what opening it threw. Thread-safe.
 */
public final class StoreOpening {
    private static final Logger LOG = LoggerFactory.getLogger(StoreOpening.class);

    private final FutureTask<Optional<SessionStore>> task;

    private StoreOpening(Callable<Optional<SessionStore>> open) {
        this.task = new FutureTask<>(open);
    }

    /** Starts {@code open} on a daemon thread. */
    public static StoreOpening start(Callable<Optional<SessionStore>> open) {
        StoreOpening opening = new StoreOpening(open);
        Thread thread = new Thread(opening.task, "llm-session-store-open");
        thread.setDaemon(true);
        thread.start();
        return opening;
    }

    /** Nothing to open: {@link #await} answers empty at once. */
    public static StoreOpening none() {
        StoreOpening opening = new StoreOpening(Optional::empty);
        opening.task.run();
        return opening;
    }

    /** The opened store (empty when none), once opening is over; rethrows an exception or error opening threw. */
    public Optional<SessionStore> await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true; // opening cannot be abandoned half-way: wait for it, then say so
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error r) {
                        throw r;
                    }
                    throw new IllegalStateException("opening the store failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Closes the store once it is open, for a caller that failed before taking it; never throws. */
    public void abandon() {
        try {
            await().ifPresent(SessionStore::close);
        } catch (RuntimeException | Error e) {
            LOG.debug("the store opened for an abandoned build did not close cleanly", e);
        }
    }
}
