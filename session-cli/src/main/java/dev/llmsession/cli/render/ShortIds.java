package dev.llmsession.cli.render;

import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Displayed ids as Docker shortens them, but never ambiguous: each id shows at least
 * {@value SessionId#SHORT_LENGTH} characters, and as many more as it takes to differ from every other id shown
 * with it ({@code codex_019c8a} twice becomes {@code codex_019c8a1f} and {@code codex_019c8a7e}), so what a
 * table shows can be typed back as a prefix.
 */
public final class ShortIds {
    private final Map<SessionId, String> shown;

    private ShortIds(Map<SessionId, String> shown) {
        this.shown = shown;
    }

    /** The short forms of the ids of {@code sessions}. */
    public static ShortIds of(Collection<Session> sessions) {
        return ofIds(sessions.stream().map(Session::id).toList());
    }

    /**
     * The short forms of {@code ids}: sorted (case-insensitively, as ids are matched), each id's common prefix
     * with its neighbours is the longest it shares with any other, so one more character sets it apart.
     */
    public static ShortIds ofIds(Collection<SessionId> ids) {
        List<SessionId> sorted = new ArrayList<>(ids);
        sorted.sort((a, b) -> key(a).compareTo(key(b)));
        Map<SessionId, String> shown = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            String v = sorted.get(i).value();
            int shared = 0;
            if (i > 0 && !sorted.get(i - 1).equals(sorted.get(i))) {
                shared = common(key(sorted.get(i - 1)), key(sorted.get(i)));
            }
            if (i + 1 < sorted.size() && !sorted.get(i + 1).equals(sorted.get(i))) {
                shared = Math.max(shared, common(key(sorted.get(i)), key(sorted.get(i + 1))));
            }
            int length = Math.min(v.length(), Math.max(SessionId.SHORT_LENGTH, shared + 1));
            shown.put(sorted.get(i), v.substring(0, length));
        }
        return new ShortIds(shown);
    }

    /** The short form of {@code id}; Docker's fixed length for an id this set does not hold. */
    public String of(SessionId id) {
        String s = shown.get(id);
        return s != null ? s : id.shortValue();
    }

    /** The longest short form, for a column's width; {@value SessionId#SHORT_LENGTH} when empty. */
    public int width() {
        return shown.values().stream().mapToInt(String::length).max().orElse(SessionId.SHORT_LENGTH);
    }

    private static String key(SessionId id) {
        return id.value().toLowerCase(Locale.ROOT);
    }

    private static int common(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
