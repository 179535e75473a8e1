package dev.llmsession.cli.monitor;

import dev.llmsession.model.Session;
import java.util.Objects;

/**
 * A key that runs another command's action on the selected session (export, for one), plugged into the
 * monitor from outside. The action runs on the background thread, never on the UI thread; the line it returns
 * is shown in the status line.
 *
 * @param key    the key
 * @param label  the footer's word for it ({@code export})
 * @param action what it does with the selected session; returns a one-line outcome
 */
public record MonitorBinding(char key, String label, Action action) {
    public MonitorBinding {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(action, "action");
    }

    /** The action of a binding. */
    @FunctionalInterface
    public interface Action {
        /** Does its work on {@code selected} and says what happened in one line. */
        String run(Session selected);
    }
}
