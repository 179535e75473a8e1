package dev.llmsession.model;

/**
 * What the reader had to skip or could not use; a non-zero count is a reason to distrust a figure a little.
 *
 * @param malformedLines     complete lines that were not a JSON object
 * @param linesWithoutKey    usage lines without a message id (cannot be de-duplicated)
 * @param partialTailBytes   bytes after the last newline, left for the next read
 * @param unreadableFiles    files that vanished or could not be read
 * @param invalidCounts      API calls whose token counts were not non-negative integers (or whose sum passed
 *                           2^63): their figures are unknown, left out of every sum, never read as 0
 * @since 0.1
 */
public record DataQuality(long malformedLines, long linesWithoutKey, long partialTailBytes, int unreadableFiles,
        long invalidCounts) {
    public static final DataQuality CLEAN = new DataQuality(0, 0, 0, 0, 0);

    /** Counters of a reader that never meets invalid token counts. */
    public DataQuality(long malformedLines, long linesWithoutKey, long partialTailBytes, int unreadableFiles) {
        this(malformedLines, linesWithoutKey, partialTailBytes, unreadableFiles, 0);
    }

    public boolean clean() {
        return malformedLines == 0 && linesWithoutKey == 0 && unreadableFiles == 0 && invalidCounts == 0;
    }
}
