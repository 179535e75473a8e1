package dev.llmsession.discovery.cursor;

import dev.llmsession.discovery.cursor.agent.AgentChat;
import dev.llmsession.discovery.cursor.store.Conversation;
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
import dev.llmsession.model.TokenUsage;
import dev.llmsession.spi.SessionDiscovery.Request;
import dev.llmsession.spi.TokenEstimator;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns a conversation or an agent chat into a {@link Session}. Token rule (reference §1.5): real counts where Cursor
 * recorded them (non-zero {@code tokenCount}: {@code measured}; context from {@code contextTokensUsed},
 * {@code promptTokenBreakdown} or {@code contextWindowStatusAtCreation}); otherwise the {@link TokenEstimator}'s
 * conversation estimate, labelled {@code estimated}; with no message at all, unknown. Cost is always unknown: Cursor
 * keeps no prices or billed totals on disk. Stateless.
 */
final class SessionFactory {
    /** Window assumed when Cursor recorded none (the common 200k of the models it offers). */
    static final long ASSUMED_WINDOW = 200_000;

    Instant lastActivity(Conversation c) {
        long last = Math.max(c.composer().lastUpdatedAt().orElse(0), c.lastMessageAt().orElse(0));
        if (last <= 0) {
            last = c.composer().createdAt().orElse(c.firstMessageAt().orElse(0));
        }
        return last > 0 ? Instant.ofEpochMilli(last) : fileTime(c.source());
    }

    Session ide(Conversation c, Optional<String> folder, Activity activity, OptionalLong pid, Request request) {
        Instant last = lastActivity(c);
        long first = c.composer().createdAt().orElse(c.firstMessageAt().orElse(0));
        Instant start = first > 0 ? Instant.ofEpochMilli(first) : last;
        if (start.isAfter(last)) {
            start = last;
        }
        Optional<String> title = c.composer().name().or(c::firstUserText).map(SessionFactory::oneLine);
        Optional<String> model = c.latestModel().or(() -> c.composer().model()).map(SessionFactory::modelName);

        TokenFigures tokens;
        long estimate = -1;
        if (c.measuredCalls() > 0) {
            tokens = new TokenFigures(new TokenUsage(c.measuredInput(), c.measuredOutput(), 0, 0, c.measuredCalls()),
                    TokenUsage.ZERO, TokenSource.MEASURED);
        } else if (c.messages() > 0) {
            estimate = estimate(request.estimator(), c.messages(), c.attachedFiles());
            tokens = new TokenFigures(new TokenUsage(estimate, 0, 0, 0, c.userMessages()), TokenUsage.ZERO,
                    TokenSource.ESTIMATED);
        } else {
            tokens = TokenFigures.UNKNOWN;
        }
        OptionalLong limit = c.composer().contextLimit().isPresent() ? c.composer().contextLimit() : c.contextLimit();
        OptionalLong used = c.composer().contextUsed().isPresent() ? c.composer().contextUsed() : c.contextUsed();
        ContextFill context;
        long window = limit.orElse(ASSUMED_WINDOW);
        if (used.isPresent()) {
            context = new ContextFill(used, window, limit.isEmpty(), OptionalLong.empty(), TokenSource.MEASURED);
        } else if (c.messages() > 0) {
            long e = estimate >= 0 ? estimate : estimate(request.estimator(), c.messages(), c.attachedFiles());
            context = new ContextFill(OptionalLong.of(e), window, limit.isEmpty(), OptionalLong.empty(),
                    TokenSource.ESTIMATED);
        } else {
            context = new ContextFill(OptionalLong.empty(), window, limit.isEmpty(), OptionalLong.empty(),
                    TokenSource.UNKNOWN);
        }

        String status = c.composer().status().orElse("none");
        List<Instant> times = new ArrayList<>();
        int api = status.equals("error") ? 1 : 0;
        int interrupts = status.equals("aborted") ? 1 : 0;
        for (int i = 0; i < api + interrupts + c.toolErrors(); i++) {
            times.add(last); // Cursor dates neither the failure nor the tool result; the last update is the bound
        }
        ErrorCounts errors = new ErrorCounts(api, c.toolErrors(), interrupts, times);
        DataQuality quality = new DataQuality(c.unparsed() + c.oversized(), 0, 0, 0);
        return new Session(new SessionId(CursorSessionDiscovery.ID_PREFIX, c.id()), CursorSessionDiscovery.ASSISTANT,
                pid, activity, folder, Optional.empty(), title, model, start, last, tokens, context, Cost.UNKNOWN,
                errors, quality, List.of(c.source()));
    }

    Session agent(AgentChat chat, Optional<AgentMatch> live, Request request) {
        Instant last = chat.lastWriteAt() > 0 ? Instant.ofEpochMilli(chat.lastWriteAt()) : request.now();
        Instant start = chat.createdAt().isPresent() ? Instant.ofEpochMilli(chat.createdAt().getAsLong()) : last;
        if (start.isAfter(last)) {
            start = last;
        }
        Activity activity = live.map(m -> Activity.of(ActivityState.UNKNOWN, m.evidence()
                + "; cursor-agent leaves no sign of whether it is working or waiting"))
                .orElse(Activity.of(ActivityState.ENDED, "no cursor-agent process on its folder"));
        Optional<String> cwd = live.flatMap(AgentMatch::cwd).or(chat::slugCwd);
        TokenFigures tokens = TokenFigures.UNKNOWN;
        ContextFill context = new ContextFill(OptionalLong.empty(), ASSUMED_WINDOW, true, OptionalLong.empty(),
                TokenSource.UNKNOWN);
        if (chat.messages() > 0) {
            long e = estimate(request.estimator(), chat.messages(), List.of());
            tokens = new TokenFigures(new TokenUsage(e, 0, 0, 0, chat.userMessages()), TokenUsage.ZERO,
                    TokenSource.ESTIMATED);
            context = new ContextFill(OptionalLong.of(e), ASSUMED_WINDOW, true, OptionalLong.empty(),
                    TokenSource.ESTIMATED);
        }
        return new Session(new SessionId(CursorSessionDiscovery.ID_PREFIX, chat.id()),
                CursorSessionDiscovery.ASSISTANT,
                live.map(m -> OptionalLong.of(m.agent().process().pid())).orElse(OptionalLong.empty()), activity,
                cwd, Optional.empty(), chat.name().map(SessionFactory::oneLine), chat.model().map(SessionFactory::modelName),
                start, last, tokens, context, Cost.UNKNOWN, ErrorCounts.NONE, chat.quality(), chat.sources());
    }

    /** The brief's estimate: base + per message, plus the attached files' own estimates. */
    static long estimate(TokenEstimator estimator, int messages, List<String> attachedFiles) {
        long files = 0;
        for (String f : attachedFiles) {
            try {
                Path p = Path.of(f);
                if (p.isAbsolute()) {
                    files += estimator.estimateFile(p);
                }
            } catch (InvalidPathException e) {
                // a remote or malformed path cannot be measured here
            }
        }
        return estimator.estimateConversation(messages, 0) + files;
    }

    /** Cursor's {@code default} model is Auto: no real model id is known. */
    static String modelName(String raw) {
        return raw.equals("default") ? "auto" : raw;
    }

    private static String oneLine(String s) {
        String t = s.strip().replaceAll("\\s+", " ");
        return t.length() > 80 ? t.substring(0, 79) + "…" : t;
    }

    private static Instant fileTime(Path p) {
        try {
            return java.nio.file.Files.getLastModifiedTime(p).toInstant();
        } catch (java.io.IOException e) {
            return Instant.EPOCH;
        }
    }
}
