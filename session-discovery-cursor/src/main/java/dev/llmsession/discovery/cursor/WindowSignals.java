package dev.llmsession.discovery.cursor;

import dev.llmsession.discovery.cursor.live.CursorProcesses;
import dev.llmsession.discovery.cursor.store.Conversation;
import dev.llmsession.discovery.cursor.store.CursorJson;
import dev.llmsession.model.Activity;
import dev.llmsession.model.ActivityState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides an IDE conversation's activity from the reference's ranked signals: the conversation itself was updated
 * since its Cursor main process started (and is streaming when {@code generatingBubbleIds} is not empty); its folder's
 * workspace DB was written since that start; {@code storage.json} lists a window on its folder. A conversation updated
 * while Cursor runs is active; without a window signal for its folder the state is {@code UNKNOWN}, not a guess.
 */
final class WindowSignals {
    /** {@code storage.json} is small; anything larger is not what we think it is. */
    private static final long MAX_STORAGE_JSON = 8L << 20;

    private WindowSignals() {
    }

    /** Folders {@code storage.json} lists as open windows; empty when it is missing or unreadable. */
    static List<String> openedWindows(Path storageJson) {
        try {
            if (Files.isRegularFile(storageJson) && Files.size(storageJson) <= MAX_STORAGE_JSON) {
                return CursorJson.openedWindowFolders(Files.readAllBytes(storageJson));
            }
        } catch (IOException e) {
            return List.of();
        }
        return List.of();
    }

    static Activity activity(Conversation c, Optional<String> folder, Optional<CursorProcesses.Main> main,
            Instant mainStart, Map<String, Instant> workspaceWrites, List<String> openFolders, Instant lastActivity) {
        if (main.isEmpty()) {
            return Activity.of(ActivityState.ENDED, "no Cursor main process");
        }
        long pid = main.get().process().pid();
        if (mainStart == null) {
            return Activity.of(ActivityState.UNKNOWN, "Cursor pid " + pid + " runs, but its start time is unknown,"
                    + " so it cannot tell whether this conversation was used since");
        }
        if (lastActivity.isBefore(mainStart)) {
            return Activity.of(ActivityState.ENDED, "not updated since Cursor pid " + pid + " started at " + mainStart);
        }
        String updated = "updated at " + lastActivity + " while Cursor pid " + pid + " runs";
        boolean generating = c.composer().generating()
                || c.composer().status().map("generating"::equals).orElse(false);
        if (generating) {
            return Activity.of(ActivityState.WORKING, "response streaming (composer status/generatingBubbleIds); "
                    + updated);
        }
        Optional<String> window = Optional.empty();
        if (folder.isPresent()) {
            Instant written = workspaceWrites.get(folder.get());
            if (written != null && !written.isBefore(mainStart)) {
                window = Optional.of("its folder's workspace DB was written at " + written);
            } else if (openFolders.contains(folder.get())) {
                window = Optional.of("storage.json lists a window on its folder");
            }
        }
        if (window.isEmpty()) {
            return Activity.of(ActivityState.UNKNOWN, updated + ", but no open window is known for "
                    + folder.map(f -> "its folder " + f).orElse("it (folder unknown)"));
        }
        String status = c.composer().status().orElse("none");
        if (status.equals("error")) {
            return Activity.of(ActivityState.ERRORED, "last turn failed (composer status error); " + updated + "; "
                    + window.get());
        }
        return Activity.of(ActivityState.WAITING_INPUT, "turn over (composer status " + status + "); " + updated
                + "; " + window.get());
    }
}
