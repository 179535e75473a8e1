package dev.llmsession.discovery.cursor;

import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionDiscovery;
import dev.llmsession.spi.SessionDiscoveryProvider;
import dev.llmsession.spi.SpiVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code ServiceLoader} entry of the Cursor adapter (IDE and cursor-agent). Does no I/O until asked. */
public final class CursorDiscoveryProvider implements SessionDiscoveryProvider {

    public CursorDiscoveryProvider() {
        // no I/O here: ServiceLoader instantiates every provider
    }

    @Override
    public String id() {
        return CursorSessionDiscovery.ASSISTANT;
    }

    @Override
    public String idPrefix() {
        return CursorSessionDiscovery.ID_PREFIX;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Optional<String> unavailableReason(ProviderContext context) {
        if (!CursorRoots.userRoots(context).isEmpty() || !CursorRoots.agentRoots(context).isEmpty()) {
            return Optional.empty();
        }
        List<Object> looked = new ArrayList<>(CursorRoots.userCandidates(context));
        looked.add(CursorRoots.agentCandidate(context));
        return Optional.of("no Cursor data directory (User/ with globalStorage/ or workspaceStorage/, or ~/.cursor"
                + " with chats/ or projects/) among " + looked);
    }

    @Override
    public SessionDiscovery create(ProviderContext context) {
        return new CursorSessionDiscovery(context);
    }
}
