package dev.llmsession.spi;

import java.util.Objects;

/**
 * A usage slice as the team database holds it: which machine pushed it and who works there.
 *
 * @param machine the machine
 * @param user    its user
 * @param slice   the slice
 * @since 0.1
 */
public record TeamUsageSlice(String machine, String user, UsageSlice slice) {
    public TeamUsageSlice {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(slice, "slice");
    }
}
