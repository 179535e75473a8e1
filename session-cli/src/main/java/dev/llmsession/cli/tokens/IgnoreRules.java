package dev.llmsession.cli.tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rules of one {@code .gitignore} file, matched against paths relative to the directory that holds it.
 * Covers what gitignore(5) describes for patterns: comments, blank lines, {@code !} negation, escapes with
 * {@code \}, trailing-space trimming, {@code /} anchoring (leading or in the middle), a trailing {@code /} for
 * directories only, {@code *}, {@code ?}, {@code [...]} classes (with POSIX {@code [:digit:]} and kin) and
 * {@code **} in its three positions. Immutable. Checked against JGit's {@code FastIgnoreRule} on 5,580 pattern,
 * path and directory-flag cases with no difference; kept rather than depending on JGit (see the commit).
 */
public final class IgnoreRules {
    /** What a path's last matching rule said. */
    public enum Verdict {
        /** No rule matched: a parent file's rules decide. */
        NONE,
        /** The last matching rule ignores it. */
        IGNORED,
        /** The last matching rule is a negation ({@code !pattern}): kept. */
        KEPT
    }

    private record Rule(String source, Pattern regex, boolean negated, boolean directoryOnly) {
    }

    private final List<Rule> rules;

    private IgnoreRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The rules of a file with these lines. */
    public static IgnoreRules parse(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String line : lines) {
            Rule r = rule(line);
            if (r != null) {
                rules.add(r);
            }
        }
        return new IgnoreRules(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * The verdict of the last rule matching {@code relative} ({@code /}-separated, relative to this file's
     * directory, no leading slash).
     */
    public Verdict match(String relative, boolean directory) {
        Objects.requireNonNull(relative, "relative");
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule r = rules.get(i);
            if (r.directoryOnly() && !directory) {
                continue;
            }
            if (r.regex().matcher(relative).matches()) {
                return r.negated() ? Verdict.KEPT : Verdict.IGNORED;
            }
        }
        return Verdict.NONE;
    }

    private static Rule rule(String raw) {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        line = trimTrailingSpaces(line);
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        boolean negated = line.startsWith("!");
        if (negated) {
            line = line.substring(1);
        }
        boolean directoryOnly = line.endsWith("/") && !line.endsWith("\\/");
        if (directoryOnly) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.isEmpty()) {
            return null;
        }
        // A slash at the start or in the middle anchors the pattern to this directory; otherwise it matches a
        // name at any depth below it.
        boolean anchored = line.indexOf('/') >= 0;
        String glob = line.startsWith("/") ? line.substring(1) : line;
        if (!anchored) {
            glob = "**/" + glob;
        }
        return new Rule(raw, Pattern.compile(regex(glob)), negated, directoryOnly);
    }

    /** Drops trailing spaces unless escaped with a backslash. */
    private static String trimTrailingSpaces(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ' && !(end > 1 && line.charAt(end - 2) == '\\')) {
            end--;
        }
        return line.substring(0, end);
    }

    /** The regular expression of a gitignore glob, for whole relative paths. */
    static String regex(String glob) {
        StringBuilder re = new StringBuilder();
        int n = glob.length();
        int i = 0;
        while (i < n) {
            char c = glob.charAt(i);
            boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
            if (c == '*' && i + 1 < n && glob.charAt(i + 1) == '*' && segmentStart
                    && (i + 2 == n || glob.charAt(i + 2) == '/')) {
                if (i + 2 == n) {
                    re.append(".*");             // "a/**": everything inside a (and "**" alone: everything)
                    i += 2;
                } else {
                    re.append("(?:.*/)?");       // "**/a" and "a/**/b": zero or more directories
                    i += 3;
                }
                continue;
            }
            switch (c) {
                case '*' -> {
                    re.append("[^/]*");
                    while (i + 1 < n && glob.charAt(i + 1) == '*') {
                        i++;                      // other runs of stars are one star
                    }
                }
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int close = classEnd(glob, i);
                    if (close < 0) {
                        re.append("\\[");
                    } else {
                        re.append(characterClass(glob.substring(i + 1, close)));
                        i = close;
                    }
                }
                case '\\' -> {
                    if (i + 1 < n) {
                        i++;
                        literal(re, glob.charAt(i));
                    }
                }
                default -> literal(re, c);
            }
            i++;
        }
        return re.toString();
    }

    /** Index of the {@code ]} closing the class opened at {@code open}, or -1 when it is not closed. */
    private static int classEnd(String glob, int open) {
        int i = open + 1;
        if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
            i++;
        }
        if (i < glob.length() && glob.charAt(i) == ']') {
            i++;                                  // a ] first in the class is a literal
        }
        for (; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                i++;
            } else if (posixClass(glob, i) != null) {
                i = glob.indexOf(":]", i + 2) + 1;
            } else if (c == ']') {
                return i;
            } else if (c == '/') {
                return -1;
            }
        }
        return -1;
    }

    private static String characterClass(String body) {
        StringBuilder re = new StringBuilder("[");
        int i = 0;
        if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
            re.append('^');
            i = 1;
        }
        for (; i < body.length(); i++) {
            char c = body.charAt(i);
            String posix = posixClass(body, i);
            if (posix != null) {
                re.append(posix);
                i = body.indexOf(":]", i + 2) + 1;
            } else if (c == '\\' && i + 1 < body.length()) {
                literal(re, body.charAt(++i));
            } else if (c == '-') {
                re.append('-');
            } else if (c == '[' || c == ']' || c == '&' || c == '^' || c == '\\') {
                re.append('\\').append(c);
            } else {
                re.append(c);
            }
        }
        if (re.charAt(1) == '^') {
            re.append("/");                       // a negated class never matches the separator
        }
        return re.append(']').toString();
    }

    /** {@code [:digit:]} and its kin at {@code i} as a Java class ({@code \p{Digit}}), or null when there is none. */
    private static String posixClass(String s, int i) {
        if (!s.startsWith("[:", i)) {
            return null;
        }
        int end = s.indexOf(":]", i + 2);
        if (end < 0) {
            return null;
        }
        return switch (s.substring(i + 2, end)) {
            case "alnum" -> "\\p{Alnum}";
            case "alpha" -> "\\p{Alpha}";
            case "blank" -> "\\p{Blank}";
            case "cntrl" -> "\\p{Cntrl}";
            case "digit" -> "\\p{Digit}";
            case "graph" -> "\\p{Graph}";
            case "lower" -> "\\p{Lower}";
            case "print" -> "\\p{Print}";
            case "punct" -> "\\p{Punct}";
            case "space" -> "\\p{Space}";
            case "upper" -> "\\p{Upper}";
            case "xdigit" -> "\\p{XDigit}";
            default -> null;
        };
    }

    private static void literal(StringBuilder re, char c) {
        if (Character.isLetterOrDigit(c) || c > 127) {
            re.append(c);
        } else {
            re.append('\\').append(c);
        }
    }

    @Override
    public String toString() {
        return rules.stream().map(Rule::source).toList().toString();
    }
}
