package dev.llmsession.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of one provider found on the class path, for {@code llm-session providers}.
 *
 * @param port     the port it provides ({@code SessionDiscovery})
 * @param id       its id, or the class name when it could not even be asked
 * @param version  the implementation version from its jar, or {@code "unknown"}
 * @param source   where it came from (a jar file or "class path")
 * @param active   whether it is in use
 * @param reason   why it is not in use (or, for an active discovery adapter, why its latest refresh failed), or
 *                 empty
 * @since 0.1
 */
public record ProviderStatus(String port, String id, String version, String source, boolean active,
        Optional<String> reason) {
    public ProviderStatus {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
    }
}
