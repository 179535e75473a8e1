package dev.llmsession.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A session id in Docker's style: the assistant's prefix, an underscore, and the assistant's own id
 * ({@code claude_4d5611e5-241a-…}).
 *
 * @param prefix   short assistant prefix, lower-case letters and digits ({@code claude}, {@code cursor})
 * @param nativeId the assistant's own session id
 * @since 0.1
 */
public record SessionId(String prefix, String nativeId) {
    /** Characters a table shows of an id. */
    public static final int SHORT_LENGTH = 12;

    public SessionId {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(nativeId, "nativeId");
        if (prefix.isEmpty() || !prefix.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            throw new IllegalArgumentException("prefix must be lower-case letters and digits: " + prefix);
        }
        if (nativeId.isEmpty()) {
            throw new IllegalArgumentException("nativeId must not be empty");
        }
    }

    /** The full id, {@code prefix_nativeId}. */
    public String value() {
        return prefix + "_" + nativeId;
    }

    /** The first {@value #SHORT_LENGTH} characters of {@link #value()}, as tables show it. */
    public String shortValue() {
        String v = value();
        return v.length() <= SHORT_LENGTH ? v : v.substring(0, SHORT_LENGTH);
    }

    /**
     * Whether {@code query} names this id: a prefix of the full id, or of the native id alone.
     * Case-insensitive, as users type ids by hand.
     */
    public boolean matches(String query) {
        String q = query.toLowerCase(Locale.ROOT);
        return !q.isEmpty()
                && (value().toLowerCase(Locale.ROOT).startsWith(q)
                        || nativeId.toLowerCase(Locale.ROOT).startsWith(q));
    }

    /**
     * Spelt out, as the record would compare: a record's own {@code equals} and {@code hashCode} are bootstrapped
     * through method handles on first use (about twenty classes spun), which a short command paid on every run.
     */
    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof SessionId other && prefix.equals(other.prefix)
                && nativeId.equals(other.nativeId));
    }

    @Override
    public int hashCode() {
        return 31 * prefix.hashCode() + nativeId.hashCode();
    }

    @Override
    public String toString() {
        return value();
    }
}
