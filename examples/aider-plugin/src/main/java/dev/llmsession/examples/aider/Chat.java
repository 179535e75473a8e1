package dev.llmsession.examples.aider;

import dev.llmsession.adapterkit.Call;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One {@code # aider chat started at} section of a history file, as read so far. Not thread-safe. */
final class Chat {
    Instant startedAt;
    String model;
    String title;
    /** Aider's own running cost of the chat ({@code $… session}), NaN until printed. */
    double sessionCost = Double.NaN;
    /** Whether Aider printed a figure rounded ({@code 2.4k}): the tokens are then estimates, not exact. */
    boolean rounded;
    /** What the latest reply sent: the context now. */
    long lastSent = -1;
    long replies;
    final List<Call> calls = new ArrayList<>();
}
