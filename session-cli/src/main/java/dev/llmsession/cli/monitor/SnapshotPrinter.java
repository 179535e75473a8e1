package dev.llmsession.cli.monitor;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmsession.cli.render.SessionJson;
import dev.llmsession.cli.render.UsageView;
import dev.llmsession.cli.render.SessionTable;
import dev.llmsession.cli.render.Table;
import dev.llmsession.cli.render.TeamView;
import dev.llmsession.cli.render.ShortIds;
import dev.llmsession.cli.render.Terminal;
import dev.llmsession.cli.render.TextWidth;
import dev.llmsession.model.HealthReport;
import dev.llmsession.model.Recommendation;
import dev.llmsession.model.Session;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The monitor without a terminal (piped, {@code TERM=dumb}, CI): one plain snapshot per refresh, the header
 * line, the {@code list} table and the recommendations; or, with {@code --json}, one JSON object per line
 * ({@code takenAt}, {@code sessions} as {@code list --json} writes them (with {@code machine} and {@code user} in
 * a team view), {@code warnings}, {@code activeBlock} as
 * {@code usage blocks --json} writes a block, or null).
 */
public final class SnapshotPrinter {
    private final PrintWriter out;
    private final Terminal terminal;
    private final List<HeaderSegment> header;
    private final boolean json;

    public SnapshotPrinter(PrintWriter out, Terminal terminal, List<HeaderSegment> header, boolean json) {
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.header = List.copyOf(header);
        this.json = json;
    }

    /** Prints one snapshot of {@code data}. */
    public void print(MonitorData data) {
        if (json) {
            out.println(jsonLine(data));
        } else {
            lines(data).forEach(l -> out.println(terminal.sanitize(l)));
        }
        out.flush();
    }

    /** Whether the reader went away (a closed pipe): time to stop. */
    public boolean closed() {
        return out.checkError();
    }

    String jsonLine(MonitorData data) {
        ObjectNode o = SessionJson.mapper().createObjectNode();
        o.put("takenAt", SessionJson.iso(data.takenAt()));
        ArrayNode sessions = SessionJson.list(data.sessions(), data::health, data.takenAt());
        for (int i = 0; i < sessions.size(); i++) {
            int row = i;
            data.origin(data.sessions().get(i))
                    .ifPresent(w -> TeamView.origin((ObjectNode) sessions.get(row), w.machine(), w.user()));
        }
        o.set("sessions", sessions);
        ArrayNode warnings = o.putArray("warnings");
        data.warnings().forEach(warnings::add);
        o.set("activeBlock", data.block().map(b -> (com.fasterxml.jackson.databind.JsonNode) UsageView.block(b))
                .orElse(com.fasterxml.jackson.databind.node.NullNode.getInstance()));
        try {
            return SessionJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    List<String> lines(MonitorData data) {
        List<String> lines = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        header.forEach(h -> h.text(data, terminal).filter(s -> !s.isEmpty()).ifPresent(parts::add));
        lines.add(HeaderSegment.fit(parts, data.block().isPresent(), terminal, terminal.width()));
        if (data.sessions().isEmpty()) {
            lines.add(data.team().isPresent() ? "No running sessions in the team database." : "No running sessions.");
        } else if (data.team().isEmpty()) {
            lines.addAll(SessionTable.render(data.sessions(), data::health, data.takenAt(), terminal));
        } else {
            Table<Session> table = new Table<>();
            MonitorColumns.of(data, terminal, false).forEach(table::add);
            lines.addAll(table.render(data.sessions(), terminal));
            SessionTable.legend(data.sessions(), terminal).ifPresent(lines::add);
            SessionTable.statusLegend(data.sessions(), terminal).ifPresent(lines::add);
        }
        ShortIds ids = ShortIds.of(data.sessions());
        for (Session s : data.sessions()) {
            HealthReport r = data.health(s);
            for (Recommendation rec : r.recommendations()) {
                if (rec.severity() == Recommendation.Severity.ACTION) {
                    lines.addAll(TextWidth.wrap(rec.message(), terminal.width(),
                            rec.severity().icon(terminal.ascii()).strip() + " " + MonitorColumns.name(data, ids, s)
                                    + " ", "    "));
                }
            }
        }
        data.warnings().forEach(w -> TextWidth.wrap(w, terminal.width(), "warning: ", "    ")
                .forEach(l -> lines.add(terminal.paint(l, Terminal.Tone.WARN))));
        lines.add("");
        return lines;
    }
}
