package dev.llmsession.storage.postgres;

import dev.llmsession.spi.ProviderContext;
import dev.llmsession.spi.SessionStore;
import dev.llmsession.spi.SpiVersion;
import dev.llmsession.spi.TeamStore;
import dev.llmsession.spi.TeamStoreProvider;
import java.util.Optional;

/** {@code ServiceLoader} entry of the PostgreSQL team database. Stateless; no I/O until {@link #create}. */
public final class PostgresTeamStoreProvider implements TeamStoreProvider {
    /** Provider id. */
    public static final String ID = "postgresql";

    public PostgresTeamStoreProvider() {
        // ServiceLoader entry: no I/O here.
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Optional<String> unavailableReason(ProviderContext context) {
        return context.setting(URL).filter(u -> u.strip().startsWith("jdbc:postgresql:")).isPresent()
                ? Optional.empty() : Optional.of("team.url is not a jdbc:postgresql:// URL");
    }

    @Override
    public TeamStore create(ProviderContext context) {
        return PostgresTeamStore.open(TeamConnection.of(context));
    }

    /**
     * This machine's own store (the five local roles) in the same database, keyed by {@value #MACHINE} and readable
     * by that machine's login only. No command uses it; for embedders that keep a machine's store on a server.
     */
    public SessionStore createMachineStore(ProviderContext context) {
        String machine = context.setting(MACHINE).orElseThrow(() -> new dev.llmsession.error.ConfigException(
                "team.machine is not set"));
        return PostgresSessionStore.open(TeamConnection.of(context), machine);
    }
}
