package dev.llmsession.discovery.opencode;

import static dev.llmsession.adapterkit.Json.count;
import static dev.llmsession.adapterkit.Json.nextField;
import static dev.llmsession.adapterkit.Json.text;

import com.fasterxml.jackson.core.JsonParser;
import dev.llmsession.adapterkit.Call;
import dev.llmsession.adapterkit.Json;
import dev.llmsession.adapterkit.ReadOnlySqlite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code opencode.db} (1.2+): the {@code session} table for each session's directory, title and times, and
 * each {@code message}'s {@code data} JSON — an assistant message is one API call with {@code modelID},
 * {@code cost} and {@code tokens {input, output, reasoning, cache {read, write}}}, stored normalised (input without
 * the cache, output without reasoning). The {@code part} table's {@code step-finish} repeats a call's tokens and
 * is not read. Opened read-only through the kit; a locked or damaged database throws, the caller keeps what it
 * read before.
 */
final class OpenCodeDb {
    /** The largest message JSON read; bigger ones (none seen) are counted as invalid. */
    static final int MAX_MESSAGE = 1 << 20;

    private OpenCodeDb() {
    }

    static OcState read(Path db) throws IOException {
        OcState state = new OcState();
        Map<String, OcSession> byId = new LinkedHashMap<>();
        try (ReadOnlySqlite.Handle h = ReadOnlySqlite.open(db)) {
            Connection c = h.connection();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, directory, title, parent_id, time_created, "
                    + "time_updated FROM session ORDER BY time_created, id"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OcSession s = new OcSession();
                    s.id = rs.getString(1);
                    s.directory = rs.getString(2);
                    s.title = rs.getString(3);
                    s.parentId = rs.getString(4);
                    s.created = millis(rs.getLong(5));
                    s.updated = millis(rs.getLong(6));
                    if (s.id != null && s.created != null) {
                        byId.put(s.id, s);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, session_id, time_created, "
                    + "CASE WHEN length(data) <= ? THEN data END FROM message ORDER BY session_id, time_created, id")) {
                ps.setInt(1, MAX_MESSAGE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        OcSession s = byId.get(rs.getString(2));
                        if (s != null) {
                            message(rs.getString(1), millis(rs.getLong(3)), rs.getString(4), s);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot read " + db + ": " + e.getMessage(), e);
        }
        state.sessions.addAll(byId.values());
        return state;
    }

    private static void message(String id, Instant created, String data, OcSession s) {
        if (data == null) {
            s.invalidMessages++;
            return;
        }
        String role = null;
        String model = null;
        double cost = Double.NaN;
        long input = -1;
        long output = -1;
        long reasoning = 0;
        long cacheRead = 0;
        long cacheWrite = 0;
        boolean finished = false;
        boolean error = false;
        boolean invalid = false;
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        try (JsonParser p = Json.parser(bytes, bytes.length)) {
            if (!Json.enterObject(p)) {
                s.invalidMessages++;
                return;
            }
            for (String name = nextField(p); name != null; name = nextField(p)) {
                switch (name) {
                    case "role" -> role = text(p);
                    case "modelID" -> model = text(p);
                    case "cost" -> cost = Json.amount(p);
                    case "error" -> {
                        error = p.currentToken() != com.fasterxml.jackson.core.JsonToken.VALUE_NULL;
                        p.skipChildren();
                    }
                    case "time" -> {
                        if (Json.isObject(p)) {
                            for (String f = nextField(p); f != null; f = nextField(p)) {
                                if ("completed".equals(f)) {
                                    finished = count(p) > 0;
                                } else {
                                    p.skipChildren();
                                }
                            }
                        }
                    }
                    case "tokens" -> {
                        if (Json.isObject(p)) {
                            for (String f = nextField(p); f != null; f = nextField(p)) {
                                switch (f) {
                                    case "input" -> input = count(p);
                                    case "output" -> output = count(p);
                                    case "reasoning" -> reasoning = count(p);
                                    case "cache" -> {
                                        if (Json.isObject(p)) {
                                            for (String k = nextField(p); k != null; k = nextField(p)) {
                                                switch (k) {
                                                    case "read" -> cacheRead = count(p);
                                                    case "write" -> cacheWrite = count(p);
                                                    default -> p.skipChildren();
                                                }
                                            }
                                        }
                                    }
                                    default -> p.skipChildren();
                                }
                            }
                            invalid = input < 0 || output < 0 || reasoning < 0 || cacheRead < 0 || cacheWrite < 0;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            s.invalidMessages++;
            return;
        }
        s.lastRole = role;
        s.lastFinished = finished;
        if (!"assistant".equals(role)) {
            return;
        }
        if (model != null) {
            s.model = model;
        }
        if (error) {
            s.errors++;
            s.errorTimes.add(created);
        }
        if (invalid) {
            s.invalidMessages++;
        } else if (input >= 0 && output >= 0 && input + output + reasoning + cacheRead + cacheWrite > 0) {
            s.calls.add(new Call(s.id + ":" + id, created == null ? 0 : created.toEpochMilli(),
                    model == null ? "" : model, input, output + reasoning, cacheWrite, cacheRead));
            s.costs.add(cost);
            s.lastPrompt = input + cacheRead + cacheWrite;
        }
    }

    private static Instant millis(long value) {
        return value > 0 ? Instant.ofEpochMilli(value) : null;
    }
}
