package dev.llmsession.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A context pack a store recorded on import.
 *
 * @param sha256     the pack's checksum (its identity: importing the same pack again updates the record)
 * @param sourceId   the id of the session it was exported from
 * @param assistant  that session's assistant
 * @param cwd        that session's working directory
 * @param exportedAt when it was exported
 * @param importedAt when it was (last) imported
 * @param file       the file it was imported from
 * @param json       the pack as JSON
 * @since 0.1
 */
public record StoredContext(String sha256, String sourceId, String assistant, Optional<String> cwd,
        Instant exportedAt, Instant importedAt, String file, String json) {
    public StoredContext {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(assistant, "assistant");
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(exportedAt, "exportedAt");
        Objects.requireNonNull(importedAt, "importedAt");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(json, "json");
    }
}
