package dev.llmsession.api;

import dev.llmsession.model.ContextPack;
import dev.llmsession.model.ContextRequest;
import dev.llmsession.model.Session;

/**
 * Builds context packs (SPEC §8): the session's health and figures now, and the conversation content its
 * discovery adapter reads. Thread-safe.
 *
 * @since 0.1
 */
public interface SessionContexts {
    /**
     * The pack of {@code session}, with every string passed through {@link SecretRedactor#standard()} unless
     * {@code redact} is false.
     *
     * @throws dev.llmsession.error.UsageException     when the session's adapter cannot export conversations
     * @throws dev.llmsession.error.DiscoveryException when its transcript cannot be read
     */
    ContextPack export(Session session, ContextRequest request, boolean redact);
}
