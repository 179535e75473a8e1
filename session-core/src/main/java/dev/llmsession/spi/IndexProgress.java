package dev.llmsession.spi;

/**
 * Told how far a long first index has come, so a terminal can draw a progress bar. Called from any thread.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface IndexProgress {
    IndexProgress NONE = (files, totalFiles, bytes, totalBytes) -> { };

    /** {@code files} of {@code totalFiles} files and {@code bytes} of {@code totalBytes} bytes are read. */
    void progress(long files, long totalFiles, long bytes, long totalBytes);
}
