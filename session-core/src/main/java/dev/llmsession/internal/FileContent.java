package dev.llmsession.internal;

import dev.llmsession.spi.RegularFiles;
import dev.llmsession.spi.Tokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads one file's content once and counts it: the only place the estimator opens a file. */
final class FileContent {
    /** How much of a file is searched for a NUL byte before it is judged text (git's own heuristic). */
    static final int SNIFF_BYTES = 8192;
    /** Text handed to a tokenizer at a time, cut at a line end so a chunk boundary never splits a token. */
    static final int CHUNK_CHARS = 1 << 20;

    /** What reading one file found. */
    record Counted(boolean binary, long characters, long tokens) {
        static final Counted BINARY = new Counted(true, 0, 0);
    }

    /** Reads and counts files; a seam so tests can see which files were opened. */
    @FunctionalInterface
    interface Counter {
        Counted count(Path file, Tokenizer tokenizer) throws IOException;
    }

    private FileContent() {
    }

    /**
     * Counts {@code file}: binary when its first 8 KiB hold a NUL byte, otherwise the characters of its text
     * decoded as UTF-8 (malformed bytes count as one replacement character each) and the tokenizer's tokens.
     * A tokenizer that needs only the length never sees the text, so a large file is streamed, not held.
     */
    static Counted count(Path file, Tokenizer tokenizer) throws IOException {
        // a FIFO swapped in after the caller's stat would block a plain open: only a regular file is opened
        try (InputStream in = Channels.newInputStream(RegularFiles.open(file))) {
            byte[] head = in.readNBytes(SNIFF_BYTES);
            for (byte b : head) {
                if (b == 0) {
                    return Counted.BINARY;
                }
            }
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            boolean lengthOnly = tokenizer.countByLength(0).isPresent();
            StringBuilder pending = lengthOnly ? null : new StringBuilder();
            long characters = 0;
            long tokens = 0;
            try (Reader reader = new InputStreamReader(
                    new SequenceInputStream(new ByteArrayInputStream(head), in), decoder)) {
                char[] buffer = new char[16 * 1024];
                for (int n; (n = reader.read(buffer)) > 0; ) {
                    characters += n;
                    if (pending != null) {
                        pending.append(buffer, 0, n);
                        if (pending.length() >= CHUNK_CHARS) {
                            int cut = cutAt(pending);
                            tokens += tokenizer.count(pending.substring(0, cut));
                            pending.delete(0, cut);
                        }
                    }
                }
            }
            if (pending == null) {
                tokens = tokenizer.countByLength(characters).getAsLong();
            } else if (pending.length() > 0) {
                tokens += tokenizer.count(pending.toString());
            }
            return new Counted(false, characters, tokens);
        }
    }

    /** After the last line end, else everything (never between the halves of a surrogate pair). */
    private static int cutAt(StringBuilder text) {
        int cut = text.lastIndexOf("\n") + 1;
        if (cut <= 0) {
            cut = text.length();
            if (Character.isHighSurrogate(text.charAt(cut - 1))) {
                cut--;
            }
        }
        return cut;
    }
}
