package dev.llmsession.examples.aider;

import dev.llmsession.adapterkit.Call;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies one line of {@code .aider.chat.history.md} to a {@link HistoryState}. Aider writes: a header
 * {@code # aider chat started at 2024-08-17 06:57:37} (local time), its start-up lines ({@code > Model: …} or
 * {@code > Models: …}, {@code > Main model: …}), the user's prompts as {@code #### …}, and after each reply
 * {@code > Tokens: 5,244 sent, 1.1k cache write, 800 cache hit, 604 received. Cost: $0.02 message, $0.02 session.}
 * (the cost on its own line when both cache figures are printed). Figures of 1,000 and more are printed rounded
 * ({@code 2.4k}, {@code 12k}) by newer versions.
 */
final class HistoryParser {
    private static final String HEADER = "# aider chat started at ";
    private static final DateTimeFormatter HEADER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern MODEL = Pattern.compile("^> (?:Main model|Models?): ([A-Za-z0-9._/:@-]+)");
    private static final Pattern FIGURE = Pattern.compile(
            "([0-9][0-9,]*(?:\\.[0-9]+)?)(k?) (sent|cache write|cache hit|cached|received)");
    private static final Pattern SESSION_COST = Pattern.compile("\\$([0-9]+(?:\\.[0-9]+)?) session");

    private final ZoneId zone;

    HistoryParser(ZoneId zone) {
        this.zone = zone;
    }

    void apply(byte[] bytes, int length, boolean complete, HistoryState state) {
        if (!complete) {
            return;
        }
        String line = new String(bytes, 0, length, StandardCharsets.UTF_8).stripTrailing();
        if (line.startsWith(HEADER)) {
            Chat chat = new Chat();
            try {
                chat.startedAt = LocalDateTime.parse(line.substring(HEADER.length()).strip(), HEADER_TIME)
                        .atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                chat.startedAt = null;
            }
            state.chats.add(chat);
            state.costPending = false;
            return;
        }
        Chat chat = state.current();
        if (chat == null) {
            state.orphanLines++;
            return;
        }
        if (state.costPending && line.startsWith("Cost: ")) {
            sessionCost(line, chat);
        }
        state.costPending = false;
        if (line.startsWith("> Tokens: ")) {
            tokens(line, chat, state);
        } else if (line.startsWith("#### ") && chat.title == null && !line.substring(5).isBlank()) {
            chat.title = line.substring(5).strip();
        } else if (chat.model == null) {
            Matcher m = MODEL.matcher(line);
            if (m.find()) {
                chat.model = m.group(1);
            }
        }
    }

    private static void tokens(String line, Chat chat, HistoryState state) {
        long sent = -1;
        long received = -1;
        long cacheWrite = 0;
        long cacheRead = 0;
        Matcher m = FIGURE.matcher(line);
        while (m.find()) {
            long value = figure(m.group(1), !m.group(2).isEmpty());
            if (!m.group(2).isEmpty() || m.group(1).contains(".")) {
                chat.rounded = true;
            }
            switch (m.group(3)) {
                case "sent" -> sent = value;
                case "received" -> received = value;
                case "cache write" -> cacheWrite = value;
                default -> cacheRead = value;
            }
        }
        if (sent < 0 || received < 0) {
            return;
        }
        chat.replies++;
        chat.lastSent = sent;
        // Aider counts a cache write inside "sent" (it adds it there); a cache hit is printed apart.
        chat.calls.add(new Call(chat.replies + "", chat.startedAt == null ? 0 : chat.startedAt.toEpochMilli(),
                chat.model == null ? "" : chat.model, Math.max(0, sent - cacheWrite), received, cacheWrite,
                cacheRead));
        if (line.contains("Cost: ")) {
            sessionCost(line, chat);
        } else {
            state.costPending = true;
        }
    }

    private static void sessionCost(String line, Chat chat) {
        Matcher c = SESSION_COST.matcher(line);
        if (c.find()) {
            chat.sessionCost = Double.parseDouble(c.group(1));
        }
    }

    /** {@code 5,244} → 5244; {@code 2.4k} → 2400; {@code 12k} → 12000. */
    private static long figure(String digits, boolean thousands) {
        double v = Double.parseDouble(digits.replace(",", ""));
        return Math.round(thousands ? v * 1000 : v);
    }
}
