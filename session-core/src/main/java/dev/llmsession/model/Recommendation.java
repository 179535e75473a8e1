package dev.llmsession.model;

import java.util.Objects;

/**
 * Advice derived from the health components.
 *
 * @param severity how urgent it is
 * @param code     stable kebab-case identifier for scripts ({@code near-auto-compact})
 * @param message  one line for people
 * @since 0.1
 */
public record Recommendation(Severity severity, String code, String message) {
    public Recommendation {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** How urgent a recommendation is. */
    public enum Severity {
        ACTION("⚠️ ", "!"),
        HINT("💡", "i");

        private final String icon;
        private final String asciiIcon;

        Severity(String icon, String asciiIcon) {
            this.icon = icon;
            this.asciiIcon = asciiIcon;
        }

        public String icon(boolean ascii) {
            return ascii ? asciiIcon : icon;
        }
    }
}
