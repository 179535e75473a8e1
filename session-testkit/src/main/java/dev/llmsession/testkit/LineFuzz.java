package dev.llmsession.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Random edits of a transcript line, for property tests that a parser never miscounts a damaged line. */
public final class LineFuzz {
    private LineFuzz() {
    }

    /**
     * One random edit of {@code line}: a cut, one of {@code splices} inserted, or a replaced byte (never a newline:
     * the result stays one line). An empty line becomes one splice.
     */
    public static byte[] edit(byte[] line, Random random, String... splices) {
        if (line.length == 0) {
            return splices[random.nextInt(splices.length)].getBytes(StandardCharsets.UTF_8);
        }
        int at = random.nextInt(line.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(4)) {
            case 0 -> {
                int to = Math.min(line.length, at + 1 + random.nextInt(12));
                out.write(line, 0, at);
                out.write(line, to, line.length - to);
            }
            case 1, 2 -> {
                out.write(line, 0, at);
                out.writeBytes(splices[random.nextInt(splices.length)].getBytes(StandardCharsets.UTF_8));
                out.write(line, at, line.length - at);
            }
            default -> {
                byte[] copy = Arrays.copyOf(line, line.length);
                copy[at] = (byte) random.nextInt(256);
                return copy[at] == '\n' ? line : copy;
            }
        }
        return out.toByteArray();
    }
}
