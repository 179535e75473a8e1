package dev.llmsession.adapterkit;

import dev.llmsession.model.ContextRequest;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionContext;
import dev.llmsession.model.SessionControl;
import dev.llmsession.spi.EventStream;
import dev.llmsession.spi.SessionDiscovery;
import java.util.List;
import java.util.Optional;

/**
 * A discovery whose sessions are read back as conversation events ({@code logs}/{@code attach}), exported from
 * those events ({@code export}, through {@link ContextCollector}) and continued by the assistant's own command
 * line. An adapter says which assistant it is, how a session is resumed and where a session's events are; the
 * rest is written here once. Sessions of other assistants get nothing.
 */
public interface EventSessionDiscovery extends SessionDiscovery {

    /** The assistant id of this adapter's sessions. */
    String assistant();

    /** The command that continues session {@code nativeId} from its directory ({@code gemini --resume <id>}). */
    List<String> resumeCommand(String nativeId);

    /** The events of one of this adapter's sessions, or empty when its files are not where the adapter reads. */
    Optional<EventStream> eventsOf(Session session);

    @Override
    default Optional<EventStream> events(Session session) {
        return assistant().equals(session.assistant()) ? eventsOf(session) : Optional.empty();
    }

    @Override
    default Optional<SessionContext> readContext(Session session, ContextRequest request) {
        return events(session).map(events -> ContextCollector.of(events, request));
    }

    /** The assistant has no registry to tell more than how to resume. */
    @Override
    default Optional<SessionControl> control(Session session) {
        return assistant().equals(session.assistant())
                ? Optional.of(SessionControl.resumeOnly(session, resumeCommand(session.id().nativeId())))
                : Optional.empty();
    }
}
