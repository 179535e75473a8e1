package dev.llmsession.cli.context;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmsession.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The canonical form a pack's checksum covers (docs/context-format.md, "Checksum"): the pack object without its
 * {@code sha256} field, written with object keys sorted by UTF-16 code units, no whitespace, strings escaping
 * only {@code "}, {@code \} and U+0000–U+001F (as {@code \b \f \n \r \t} or a lower-case backslash-u escape with four hex digits) and any
 * lone surrogate (the same escape), every other character as itself, integers in plain decimal, then
 * encoded as UTF-8. Version 1 has integers only: a fractional number makes a pack invalid.
 */
public final class Canonical {
    /** The field that holds the checksum and is left out of the canonical form. */
    public static final String CHECKSUM_FIELD = "sha256";

    private Canonical() {
    }

    /** The canonical UTF-8 bytes of {@code pack} without its checksum field. */
    public static byte[] bytes(JsonNode pack) {
        StringBuilder out = new StringBuilder(4096);
        write(pack, out, true);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Lower-case hex SHA-256 of the canonical bytes of {@code pack}. */
    public static String sha256(JsonNode pack) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(pack)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void write(JsonNode node, StringBuilder out, boolean root) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!(root && CHECKSUM_FIELD.equals(name))) {
                    names.add(name);
                }
            }
            names.sort(null); // String's natural order: UTF-16 code units
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(names.get(i), out);
                out.append(':');
                write(node.get(names.get(i)), out, false);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out, false);
            }
            out.append(']');
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue().toString());
        } else if (node.isNumber()) {
            throw new InvalidInputException("invalid pack: version 1 holds integers only, found " + node);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isNull()) {
            out.append("null");
        } else {
            throw new InvalidInputException("invalid pack: unexpected " + node.getNodeType());
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
