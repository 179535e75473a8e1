package dev.llmsession.model;

import java.util.Objects;

/**
 * What a session's tool calls did to one file.
 *
 * @param path    the path as the tool call named it
 * @param reads   read calls
 * @param edits   edit calls (edits of notebooks included)
 * @param writes  whole-file writes
 * @since 0.1
 */
public record FileActivity(String path, int reads, int edits, int writes) {
    public FileActivity {
        Objects.requireNonNull(path, "path");
        if (reads < 0 || edits < 0 || writes < 0) {
            throw new IllegalArgumentException("negative count for " + path);
        }
    }

    /** All calls on the file. */
    public int total() {
        return reads + edits + writes;
    }
}
