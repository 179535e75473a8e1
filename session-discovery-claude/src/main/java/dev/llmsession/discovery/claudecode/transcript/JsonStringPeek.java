package dev.llmsession.discovery.claudecode.transcript;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the first characters of a JSON string straight from its raw bytes, so a string of any size is
 * read in bounded memory. Invalid UTF-8 is replaced with U+FFFD.
 */
public final class JsonStringPeek {

    private JsonStringPeek() {
    }

    /** Raw bytes needed to be sure of {@code maxChars} characters (worst case: surrogate-pair escapes). */
    public static int bytesFor(int maxChars) {
        return maxChars * 12 + 16;
    }

    /**
     * @param bytes    raw bytes starting at the opening quote (or just after it)
     * @param from     first byte
     * @param to       end (exclusive)
     * @param maxChars characters wanted
     */
    public static String decode(byte[] bytes, int from, int to, int maxChars) {
        int i = from;
        if (i < to && bytes[i] == '"') {
            i++;
        }
        String ascii = plainAscii(bytes, i, to, maxChars);
        if (ascii != null) {
            return ascii;
        }
        StringBuilder out = new StringBuilder(Math.min(maxChars, 64));
        // raw bytes between escapes are decoded as one run, where they lie
        int run = i;
        while (i < to && out.length() + (i - run) / 4 < maxChars) {
            byte b = bytes[i];
            if (b == '"') {
                break;
            }
            if (b != '\\') {
                i++;
                continue;
            }
            flush(bytes, run, i, out);
            if (i + 1 >= to) {
                run = to; // a lone backslash at the end is dropped
                break;
            }
            byte e = bytes[i + 1];
            i += 2;
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 > to) {
                        i = to;
                        break;
                    }
                    try {
                        out.append((char) Integer.parseInt(new String(bytes, i, 4, StandardCharsets.US_ASCII), 16));
                    } catch (NumberFormatException ex) {
                        out.append('\uFFFD');
                    }
                    i += 4;
                }
                default -> out.append((char) (e & 0xFF));
            }
            run = i;
        }
        flush(bytes, run, Math.min(i, to), out);
        if (out.length() > maxChars) {
            int cut = maxChars;
            if (Character.isHighSurrogate(out.charAt(cut - 1))) {
                cut--;
            }
            out.setLength(cut);
        }
        return out.toString();
    }

    /**
     * The common case at no decoding cost: the string's first {@code maxChars} bytes (or all of it) are ASCII
     * without escapes, each byte one character. Null when an escape or a multi-byte sequence comes first.
     */
    private static String plainAscii(byte[] bytes, int from, int to, int maxChars) {
        int end = (int) Math.min(to, (long) from + maxChars);
        for (int i = from; i < end; i++) {
            byte b = bytes[i];
            if (b == '"') {
                return new String(bytes, from, i - from, StandardCharsets.ISO_8859_1);
            }
            if (b == '\\' || b < 0) {
                return null;
            }
        }
        return end - from == maxChars ? new String(bytes, from, maxChars, StandardCharsets.ISO_8859_1) : null;
    }

    private static void flush(byte[] bytes, int from, int to, StringBuilder out) {
        if (to <= from) {
            return;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            out.append(decoder.decode(ByteBuffer.wrap(bytes, from, to - from)));
        } catch (CharacterCodingException e) {
            out.append('\uFFFD');
        }
    }
}
