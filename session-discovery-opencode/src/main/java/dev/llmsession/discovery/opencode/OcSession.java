package dev.llmsession.discovery.opencode;

import dev.llmsession.adapterkit.Call;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One OpenCode session as read from the database. Not thread-safe. */
final class OcSession {
    String id;
    String directory;
    String title;
    String parentId;
    Instant created;
    Instant updated;
    String model;
    /** One per assistant message with tokens, in the order written. */
    final List<Call> calls = new ArrayList<>();
    /** The cost OpenCode recorded for each call (NaN: none), in the order of {@link #calls}. */
    final List<Double> costs = new ArrayList<>();
    /** Prompt of the latest call: uncached input + cache read + cache write. */
    long lastPrompt = -1;
    /** The latest message's role, and whether an assistant message had finished. */
    String lastRole;
    boolean lastFinished;
    int errors;
    final List<Instant> errorTimes = new ArrayList<>();
    long invalidMessages;
}
