package dev.llmsession.examples.embedded;

import dev.llmsession.LlmSessions;
import dev.llmsession.api.Formats;
import dev.llmsession.api.SessionListing;
import dev.llmsession.api.SessionQuery;
import dev.llmsession.discovery.claudecode.ClaudeCodeDiscoveryProvider;
import dev.llmsession.host.oshi.OshiHostProbeProvider;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Session;
import dev.llmsession.spi.ProviderContext;
import java.io.PrintStream;

/**
 * A Java program embedding llm-session: registers the providers it wants explicitly (no class-path
 * scanning), lists the sessions and prints each one's health. Run with {@code --all} to include ended ones.
 */
public final class EmbeddedExample {
    private EmbeddedExample() {
    }

    public static void main(String[] args) {
        boolean all = args.length > 0 && args[0].equals("--all");
        report(ProviderContext.system(), all, System.out);
    }

    /** Lists sessions seen from {@code context} and prints one line per session to {@code out}. */
    static void report(ProviderContext context, boolean includeEnded, PrintStream out) {
        LlmSessions sessions = LlmSessions.builder()
                .context(context)
                .discovery(new ClaudeCodeDiscoveryProvider())
                .hostProbe(new OshiHostProbeProvider())
                .build();
        SessionQuery query = includeEnded ? SessionQuery.ALL : SessionQuery.RUNNING;
        SessionListing listing = sessions.catalog().list(query);
        listing.warnings().forEach(w -> out.println("warning: " + w));
        for (Session s : listing.sessions()) {
            HealthReport health = sessions.health().assess(s);
            String score = health.score().isPresent() ? health.score().getAsInt() + "%" : "?";
            out.printf("%s  %-8s %-14s context %-8s tokens %-8s cost %-8s health %s (%s)%n",
                    s.id().shortValue(),
                    s.activity().state().label(),
                    s.project().orElse("?"),
                    s.context().tokens().isPresent() ? Formats.compact(s.context().tokens().getAsLong()) : "?",
                    s.tokens().known() ? Formats.compact(s.tokens().total().total()) : "?",
                    s.cost().usd().isPresent() ? Formats.usd(s.cost().usd().getAsDouble()) : "?",
                    score, health.level().label());
            health.recommendations().forEach(r -> out.println("    " + r.message()));
        }
        if (listing.sessions().isEmpty()) {
            out.println(includeEnded ? "no sessions found" : "no running sessions");
        }
    }
}
