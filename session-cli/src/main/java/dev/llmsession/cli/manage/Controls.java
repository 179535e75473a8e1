package dev.llmsession.cli.manage;

import dev.llmsession.LlmSessions;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionControl;
import dev.llmsession.spi.SessionDiscovery;
import java.util.List;

/** A session's control from its adapter, or what the session itself says (its pid and cwd) when the adapter knows none. */
public final class Controls {
    private Controls() {
    }

    public static SessionControl of(LlmSessions lib, Session session) {
        SessionDiscovery adapter = lib.discoveries().get(session.assistant());
        return (adapter == null ? java.util.Optional.<SessionControl>empty() : adapter.control(session))
                .orElseGet(() -> SessionControl.resumeOnly(session, List.of()));
    }
}
