package dev.llmsession.discovery.opencode;

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
        byte[] bytes = data == null ? null : data.getBytes(StandardCharsets.UTF_8);
        OcMessage m = bytes == null ? null : OcMessage.parse(id, created, s.id, bytes, bytes.length);
        if (m == null) {
            s.invalidMessages++;
        } else {
            m.applyTo(s);
        }
    }

    private static Instant millis(long value) {
        return value > 0 ? Instant.ofEpochMilli(value) : null;
    }
}
