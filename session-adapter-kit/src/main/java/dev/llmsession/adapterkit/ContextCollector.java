package dev.llmsession.adapterkit;

import dev.llmsession.model.Compaction;
import dev.llmsession.model.ContextError;
import dev.llmsession.model.ContextMessage;
import dev.llmsession.model.ContextRequest;
import dev.llmsession.model.ConversationEvent;
import dev.llmsession.model.SessionContext;
import dev.llmsession.spi.EventStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Collects a conversation's content within a {@link ContextRequest}'s limits while an adapter streams its files:
 * the first user prompts as goals, the last messages, the latest compaction summary, the latest errors. Holds no
 * more than the limits, whatever the length of the conversation; texts are made printable and trimmed here.
 */
public final class ContextCollector {
    private final ContextRequest request;
    private final List<ContextMessage> goals = new ArrayList<>();
    private final Deque<ContextMessage> messages = new ArrayDeque<>();
    private final Deque<ContextError> errors = new ArrayDeque<>();
    private Compaction compaction;

    public ContextCollector(ContextRequest request) {
        this.request = Objects.requireNonNull(request, "request");
    }

    /** A user prompt: a goal while fewer than the requested goals are known, and a message. */
    public void user(Instant at, String text) {
        ContextMessage m = message("user", at, text, request.maxTextChars());
        if (m == null) {
            return;
        }
        if (goals.size() < request.goals()) {
            goals.add(m);
        }
        keep(m);
    }

    public void assistant(Instant at, String text) {
        ContextMessage m = message("assistant", at, text, request.maxTextChars());
        if (m != null) {
            keep(m);
        }
    }

    /** The conversation was compacted: the summary replaces an earlier one. */
    public void compaction(Instant at, String summary) {
        ContextMessage m = message("summary", at, summary, request.maxSummaryChars());
        if (m != null) {
            compaction = new Compaction(m.at(), m.text(), m.trimmed());
        }
    }

    /** An error of kind {@code api}, {@code tool} or {@code interrupt}. */
    public void error(Instant at, String kind, String text) {
        if (request.errors() == 0) {
            return;
        }
        ContextMessage m = message(kind, at, text == null || text.isBlank() ? kind : text, request.maxTextChars());
        errors.addLast(new ContextError(m.at(), kind, m.text()));
        while (errors.size() > request.errors()) {
            errors.removeFirst();
        }
    }

    /** One conversation event: prompts, replies, compactions, errors and failed tool results. */
    public void event(ConversationEvent e) {
        Instant at = e.at().orElse(null);
        switch (e.kind()) {
            case PROMPT -> user(at, e.text());
            case REPLY -> assistant(at, e.text());
            case COMPACTION -> compaction(at, e.text());
            case ERROR -> error(at, "api", e.text());
            case TOOL_RESULT -> {
                if (e.failed()) {
                    error(at, "tool", e.text());
                }
            }
            case TOOL_CALL -> {
                // what a tool acted on is not part of the exported context
            }
        }
    }

    /** The context of a whole event stream (read to its current end, then closed). */
    public static SessionContext of(EventStream events, ContextRequest request) {
        ContextCollector out = new ContextCollector(request);
        try (events) {
            for (List<ConversationEvent> batch = events.poll(1_000); !batch.isEmpty(); batch = events.poll(1_000)) {
                batch.forEach(out::event);
            }
        }
        return out.result();
    }

    public SessionContext result() {
        return new SessionContext(goals, List.copyOf(messages), Optional.ofNullable(compaction), List.of(), List.of(),
                List.copyOf(errors));
    }

    private void keep(ContextMessage m) {
        if (request.messages() == 0) {
            return;
        }
        messages.addLast(m);
        while (messages.size() > request.messages()) {
            messages.removeFirst();
        }
    }

    private static ContextMessage message(String role, Instant at, String text, int max) {
        Optional<String> clean = SessionBuilder.printable(text, Integer.MAX_VALUE, true);
        if (clean.isEmpty()) {
            return null;
        }
        String t = clean.get();
        boolean trimmed = t.length() > max;
        if (trimmed) {
            t = t.substring(0, Math.max(0, max - ContextMessage.TRIM_MARKER.length())) + ContextMessage.TRIM_MARKER;
        }
        return new ContextMessage(role, Optional.ofNullable(at), t, trimmed);
    }
}
