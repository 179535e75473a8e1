package dev.llmsession.testkit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Waits for a condition that another process or thread brings about (a log line, a socket, a scrape result):
 * asks {@code probe} until it answers, every {@code poll}, and fails after {@code timeout} naming what it waited
 * for and what the probe last said. One loop for every test and benchmark that has to wait.
 */
public final class Await {
    private Await() {
    }

    /**
     * The probe's first answer; it returns empty while the condition does not hold yet, and may throw to stop the
     * wait at once (a process that died).
     *
     * @param what says what was awaited and what was seen instead, when the wait fails
     * @throws AssertionError when {@code timeout} passes first
     */
    public static <T> T until(Supplier<String> what, Duration timeout, Duration poll,
            Callable<Optional<T>> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> answer = probe.call();
            if (answer.isPresent()) {
                return answer.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms for " + what.get());
            }
            Thread.sleep(poll.toMillis());
        }
    }
}
