package dev.llmsession.api;

import java.util.List;
import java.util.Objects;

/**
 * What a use case answered after bringing the index up to date, with the refresh's warnings (an adapter that
 * failed, a store that was rebuilt), which a caller shows beside the answer.
 *
 * @param value    the answer
 * @param warnings the refresh's warnings, in order
 * @param <T>      the answer's type
 * @since 0.1
 */
public record Refreshed<T>(T value, List<String> warnings) {
    public Refreshed {
        Objects.requireNonNull(value, "value");
        warnings = List.copyOf(warnings);
    }
}
