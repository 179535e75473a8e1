package dev.llmsession.model;

import java.util.Locale;

/**
 * How the assistant runs a session, when it says so (Claude Code's registry {@code kind}).
 *
 * @since 0.1
 */
public enum SessionKind {
    /** In a terminal the user typed into. */
    INTERACTIVE,
    /** Detached from any terminal ({@code claude --bg}); reached with {@code claude attach}. */
    BACKGROUND;

    /** Lower-case name, as JSON writes it ({@code background}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
