package dev.llmsession.discovery.cursor.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One conversation with its messages folded into the figures llm-session reports. Built from a composer and the
 * bubbles that could be read; figures no bubble recorded stay empty.
 *
 * @param composer        the composer (title, times, status, model, workspace)
 * @param source          the database it was read from
 * @param messages        messages in the conversation (headers, inline or read bubbles, whichever is most)
 * @param userMessages    messages the user wrote
 * @param measuredInput   sum of the non-zero recorded input tokens
 * @param measuredOutput  sum of the non-zero recorded output tokens
 * @param measuredCalls   bubbles with a recorded token count
 * @param contextUsed     the latest {@code contextWindowStatusAtCreation.tokensUsed}
 * @param contextLimit    its {@code tokenLimit}
 * @param firstMessageAt  earliest bubble date (epoch ms)
 * @param lastMessageAt   latest bubble date (epoch ms)
 * @param toolErrors      tool calls that ended in error
 * @param latestModel     the model of the latest bubble that names one
 * @param firstUserText   the start of the first user message
 * @param attachedFiles   files attached anywhere in the conversation
 * @param unparsed        values that were not JSON (counted, skipped)
 * @param oversized       values too large to read (counted, skipped)
 */
public record Conversation(Composer composer, Path source, int messages, int userMessages, long measuredInput,
        long measuredOutput, long measuredCalls, OptionalLong contextUsed, OptionalLong contextLimit,
        OptionalLong firstMessageAt, OptionalLong lastMessageAt, int toolErrors, Optional<String> latestModel,
        Optional<String> firstUserText, List<String> attachedFiles, int unparsed, int oversized) {
    public Conversation {
        Objects.requireNonNull(composer, "composer");
        Objects.requireNonNull(source, "source");
        attachedFiles = List.copyOf(attachedFiles);
    }

    public String id() {
        return composer.id();
    }

    /** Folds {@code bubbles} (in conversation order) into the figures of {@code composer}. */
    public static Conversation of(Composer composer, Path source, List<Bubble> bubbles, int unparsed, int oversized,
            int unreadMessages) {
        List<Bubble> all = new ArrayList<>(composer.inline());
        all.addAll(bubbles);
        long in = 0;
        long out = 0;
        long calls = 0;
        Long used = null;
        Long limit = null;
        Long first = null;
        Long last = null;
        int users = 0;
        int toolErrors = 0;
        String model = null;
        String firstText = null;
        Set<String> files = new LinkedHashSet<>(composer.attachedFiles());
        for (Bubble b : all) {
            if (b.user()) {
                users++;
                if (firstText == null && !b.textStart().isBlank()) {
                    firstText = b.textStart().strip();
                }
            }
            if (b.measured()) {
                in += b.inputTokens().orElse(0);
                out += b.outputTokens().orElse(0);
                calls++;
            }
            if (b.contextUsed().isPresent()) {
                used = b.contextUsed().getAsLong();
                limit = b.contextLimit().isPresent() ? b.contextLimit().getAsLong() : limit;
            }
            if (b.createdAt().isPresent()) {
                long t = b.createdAt().getAsLong();
                first = first == null ? t : Math.min(first, t);
                last = last == null ? t : Math.max(last, t);
            }
            if (b.toolError()) {
                toolErrors++;
            }
            if (b.model().isPresent() && !b.model().get().equals("default")) {
                model = b.model().get();
            }
            files.addAll(b.attachedFiles());
        }
        int headerUsers = (int) composer.headers().stream().filter(h -> h.type() == 1).count();
        int messages = Math.max(composer.headers().size(), all.size() + unreadMessages);
        return new Conversation(composer, source, messages, Math.max(users, headerUsers), in, out, calls,
                opt(used), opt(limit), opt(first), opt(last), toolErrors, Optional.ofNullable(model),
                Optional.ofNullable(firstText), new ArrayList<>(files), unparsed, oversized);
    }

    private static OptionalLong opt(Long v) {
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
