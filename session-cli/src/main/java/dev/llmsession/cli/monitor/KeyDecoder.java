package dev.llmsession.cli.monitor;

import java.io.IOException;

/**
 * Turns the characters a terminal sends into {@link Key}s: arrows and paging keys arrive as escape sequences
 * ({@code ESC [ A}, {@code ESC O B}, {@code ESC [ 5 ~}), a lone {@code ESC} is Escape when nothing follows it
 * quickly. Unknown sequences are swallowed whole, so they never type letters into the filter.
 */
public final class KeyDecoder {
    /** What {@link CharSource#read} returns when nothing arrived in time. */
    public static final int TIMEOUT = -2;
    /** What {@link CharSource#read} returns at the end of input. */
    public static final int EOF = -1;
    /** How long the rest of an escape sequence may take to arrive. */
    static final long SEQUENCE_MILLIS = 50;

    /** Where the characters come from. */
    @FunctionalInterface
    public interface CharSource {
        /** The next character, {@link #TIMEOUT} when none came within {@code timeoutMillis}, or {@link #EOF}. */
        int read(long timeoutMillis) throws IOException;
    }

    private KeyDecoder() {
    }

    /**
     * The next key, or null when nothing (or only an unknown sequence) arrived within {@code timeoutMillis}.
     *
     * @throws java.io.EOFException when the input has ended
     */
    public static Key next(CharSource in, long timeoutMillis) throws IOException {
        int c = in.read(timeoutMillis);
        if (c == EOF) {
            throw new java.io.EOFException("the terminal's input ended");
        }
        if (c == TIMEOUT) {
            return null;
        }
        return switch (c) {
            case '\r', '\n' -> Key.ENTER;
            case 127, 8 -> Key.BACKSPACE;
            case 3 -> Key.INTERRUPT;
            case 27 -> escape(in);
            default -> c < 0x20 ? null : Key.of((char) c);
        };
    }

    private static Key escape(CharSource in) throws IOException {
        int c = in.read(SEQUENCE_MILLIS);
        if (c == TIMEOUT || c == EOF) {
            return Key.ESCAPE;
        }
        if (c != '[' && c != 'O') {
            return c == 27 ? Key.ESCAPE : null; // Alt+key: not a key of ours
        }
        StringBuilder params = new StringBuilder();
        while (true) {
            int p = in.read(SEQUENCE_MILLIS);
            if (p == TIMEOUT || p == EOF) {
                return null;
            }
            if (p >= 0x40 && p <= 0x7E) {
                return sequence(params.toString(), (char) p);
            }
            params.append((char) p);
            if (params.length() > 16) {
                return null;
            }
        }
    }

    private static Key sequence(String params, char f) {
        return switch (f) {
            case 'A' -> Key.UP;
            case 'B' -> Key.DOWN;
            case 'H' -> Key.HOME;
            case 'F' -> Key.END;
            case '~' -> switch (params) {
                case "5" -> Key.PAGE_UP;
                case "6" -> Key.PAGE_DOWN;
                case "1", "7" -> Key.HOME;
                case "4", "8" -> Key.END;
                default -> null;
            };
            default -> null;
        };
    }
}
