package dev.llmsession.model;

/**
 * Health bands: at least 80 healthy, 60 to 79 warning, below 60 critical.
 *
 * @since 0.1
 */
public enum HealthLevel {
    HEALTHY("✅", "[ok]"),
    WARNING("⚠️", "[!]"),
    CRITICAL("❌", "[x]"),
    /** No component could be measured. */
    UNKNOWN("❔", "[?]");

    private final String icon;
    private final String asciiIcon;

    HealthLevel(String icon, String asciiIcon) {
        this.icon = icon;
        this.asciiIcon = asciiIcon;
    }

    public String icon(boolean ascii) {
        return ascii ? asciiIcon : icon;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The level of a 0–100 score. */
    public static HealthLevel of(int score) {
        if (score >= 80) {
            return HEALTHY;
        }
        return score >= 60 ? WARNING : CRITICAL;
    }
}
