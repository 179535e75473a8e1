package dev.llmsession.cli.statusline;

import dev.llmsession.error.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The status line's look, from the configuration's {@code statusline:} section.
 *
 * @param segments what the line shows, in order ({@link #KNOWN})
 * @param colour   {@code auto} (colour unless {@code NO_COLOR}), {@code always} or {@code never}
 */
public record StatusLineSettings(List<String> segments, String colour) {
    /** The segments the renderer knows. */
    public static final Set<String> KNOWN = Set.of("context", "compact", "cost", "limits", "health", "model");
    /** What the line shows unless configured. */
    public static final StatusLineSettings DEFAULT = new StatusLineSettings(
            List.of("context", "compact", "cost", "limits", "health"), "auto");

    public StatusLineSettings {
        segments = List.copyOf(segments);
        for (String s : segments) {
            if (!KNOWN.contains(s)) {
                throw new ConfigException("statusline.segments: unknown segment '" + s + "' (known: "
                        + String.join(", ", KNOWN.stream().sorted().toList()) + ")");
            }
        }
        if (!Set.of("auto", "always", "never").contains(colour)) {
            throw new ConfigException("statusline.colour: '" + colour + "' is not auto, always or never");
        }
    }

    /** From flat settings ({@code statusline.segments=context,cost}, {@code statusline.colour=never}). */
    public static StatusLineSettings of(Map<String, String> settings) {
        String segments = settings.get("statusline.segments");
        String colour = settings.getOrDefault("statusline.colour", settings.get("statusline.color"));
        List<String> list = new ArrayList<>();
        if (segments != null) {
            for (String s : segments.split(",")) {
                if (!s.isBlank()) {
                    list.add(s.strip());
                }
            }
        }
        return new StatusLineSettings(segments == null ? DEFAULT.segments() : list,
                colour == null ? DEFAULT.colour() : colour.strip());
    }

    /** The renderer's settings file. */
    String confText() {
        return "segments=" + String.join(",", segments) + "\ncolour=" + colour + "\n";
    }
}
