package dev.llmsession.cli.monitor;

/**
 * One key press, decoded from the terminal's bytes.
 *
 * @param kind what was pressed
 * @param ch   the character, for {@link Kind#CHAR} only (0 otherwise)
 */
public record Key(Kind kind, char ch) {
    /** Keys the monitor tells apart. */
    public enum Kind { CHAR, UP, DOWN, PAGE_UP, PAGE_DOWN, HOME, END, ENTER, ESCAPE, BACKSPACE, INTERRUPT }

    public static final Key UP = new Key(Kind.UP, '\0');
    public static final Key DOWN = new Key(Kind.DOWN, '\0');
    public static final Key PAGE_UP = new Key(Kind.PAGE_UP, '\0');
    public static final Key PAGE_DOWN = new Key(Kind.PAGE_DOWN, '\0');
    public static final Key HOME = new Key(Kind.HOME, '\0');
    public static final Key END = new Key(Kind.END, '\0');
    public static final Key ENTER = new Key(Kind.ENTER, '\0');
    public static final Key ESCAPE = new Key(Kind.ESCAPE, '\0');
    public static final Key BACKSPACE = new Key(Kind.BACKSPACE, '\0');
    public static final Key INTERRUPT = new Key(Kind.INTERRUPT, '\0');

    /** A printable character. */
    public static Key of(char ch) {
        return new Key(Kind.CHAR, ch);
    }

    /** Whether this is the character {@code c}. */
    public boolean is(char c) {
        return kind == Kind.CHAR && ch == c;
    }
}
