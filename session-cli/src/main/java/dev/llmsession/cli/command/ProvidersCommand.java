package dev.llmsession.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.LlmSessions;
import dev.llmsession.api.ProviderStatus;
import dev.llmsession.cli.render.SessionJson;
import dev.llmsession.cli.render.Table;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code llm-session providers}: which adapters were found and why one is not in use. */
@Command(name = "providers", mixinStandardHelpOptions = true,
        description = "Adapters found, their versions, whether they are active, and why not.")
public final class ProvidersCommand extends BaseCommand {
    @Inject
    ProvidersCommand(Provider<LlmSessions> sessions, CliEnvironment environment) {
        super(sessions, environment);
    }

    @Override
    public Integer call() {
        List<ProviderStatus> statuses = sessions().providers();
        if (global.json()) {
            printJson(json(statuses));
            return 0;
        }
        if (statuses.isEmpty()) {
            print(List.of("No providers found on the class path."));
            return 0;
        }
        int fixed = Integer.MAX_VALUE;
        Table<ProviderStatus> table = new Table<ProviderStatus>()
                .add(new Table.Column<>("PORT", ProviderStatus::port, null, false, fixed, fixed, 20))
                .add(new Table.Column<>("ID", ProviderStatus::id, null, false, fixed, 8, 24))
                .add(new Table.Column<>("VERSION", ProviderStatus::version, null, false, 10, 7, 16))
                .add(new Table.Column<>("ACTIVE", p -> p.active() ? "yes" : "no", null, false, fixed, fixed, 6))
                .add(new Table.Column<>("REASON", p -> p.reason().orElse(""), null, false, 50, 10, 200));
        print(table.render(statuses, terminal()));
        return 0;
    }

    static ArrayNode json(List<ProviderStatus> statuses) {
        ArrayNode array = SessionJson.mapper().createArrayNode();
        for (ProviderStatus p : statuses) {
            ObjectNode n = array.addObject();
            n.put("port", p.port());
            n.put("id", p.id());
            n.put("version", p.version());
            n.put("source", p.source());
            n.put("active", p.active());
            if (p.reason().isPresent()) {
                n.put("reason", p.reason().get());
            } else {
                n.putNull("reason");
            }
        }
        return array;
    }
}
