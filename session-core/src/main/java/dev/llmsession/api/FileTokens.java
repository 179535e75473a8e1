package dev.llmsession.api;

import java.nio.file.Path;
import java.util.List;

/**
 * Counts the tokens of files, each counted once per version: a file whose size and modification time are
 * unchanged is answered from the cache without being opened. Thread-safe.
 *
 * @since 0.1
 */
public interface FileTokens {

    /** The id of the tokenizer that counts, e.g. {@code "chars/4"} or {@code "o200k_base"}. */
    String tokenizer();

    /**
     * One estimate per file, in the order given. A file that cannot be read is an {@link FileEstimate.Kind#UNREADABLE}
     * estimate with the reason, never an exception; a binary file (a NUL byte in its first 8 KiB) is counted as 0.
     */
    List<FileEstimate> estimate(List<Path> files);
}
