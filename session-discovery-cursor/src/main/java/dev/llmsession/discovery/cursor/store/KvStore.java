package dev.llmsession.discovery.cursor.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/**
 * One read-only connection to a VS Code key/value database ({@code ItemTable}, {@code cursorDiskKV}). Opened
 * {@code mode=ro} with a short busy timeout and no {@code immutable=1} (which would skip the WAL), so it sees what
 * Cursor committed and never makes Cursor's writes wait long. Only exact keys and key ranges are queried; the
 * credential keys ({@code cursorAuth/}) are refused by construction. Not thread-safe: one refresh owns it and
 * closes it at once.
 */
public final class KvStore implements AutoCloseable {
    /** How long a query waits for a lock Cursor holds before the refresh gives up on this DB. */
    public static final int BUSY_TIMEOUT_MS = 300;
    /** ItemTable keys that hold secrets: never queried. */
    private static final String SECRET_PREFIX = "cursorAuth/";

    private final Path file;
    private final Connection connection;

    private KvStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens {@code file} read-only. A WAL-mode database without its {@code -wal} file (Cursor is not running: it
     * checkpointed and removed it) is opened {@code immutable=1}: a plain read-only open would create the
     * {@code -wal} and {@code -shm} files beside it, a write into Cursor's directory, and there is no WAL to skip.
     */
    public static KvStore open(Path file) throws KvException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        Path absolute = file.toAbsolutePath();
        boolean immutable = walMode(absolute)
                && !Files.exists(absolute.resolveSibling(absolute.getFileName() + "-wal"));
        try {
            Connection c = config.createConnection("jdbc:sqlite:file:" + absolute + "?mode=ro"
                    + (immutable ? "&immutable=1" : ""));
            return new KvStore(file, c);
        } catch (SQLException e) {
            throw KvException.of(file, e);
        }
    }

    /** Whether the file's header says WAL mode (read and write versions 2, SQLite file format, bytes 18-19). */
    static boolean walMode(Path file) {
        byte[] header = new byte[20];
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(header, 0, header.length) == header.length && header[18] == 2 && header[19] == 2;
        } catch (IOException e) {
            return false; // the open below reports what is wrong with the file
        }
    }

    /** Whether the database has table {@code name}; old workspace DBs have no {@code cursorDiskKV}. */
    public boolean hasTable(String name) throws KvException {
        return query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", List.of(name),
                rs -> Boolean.TRUE).size() == 1;
    }

    /** The value of one exact {@code ItemTable} key, if present and at most {@code maxBytes} long. */
    public Optional<byte[]> item(String key, long maxBytes) throws KvException {
        if (key.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("refusing to read a credential key");
        }
        List<byte[]> out = query("SELECT value FROM ItemTable WHERE key = ? AND length(value) <= ?",
                List.of(key, maxBytes), rs -> bytes(rs, 1));
        return out.isEmpty() ? Optional.empty() : Optional.ofNullable(out.get(0));
    }

    /** The value of one exact {@code cursorDiskKV} key, if present and at most {@code maxBytes} long. */
    public Optional<byte[]> value(String key, long maxBytes) throws KvException {
        List<byte[]> out = query("SELECT value FROM cursorDiskKV WHERE key = ? AND length(value) <= ?",
                List.of(key, maxBytes), rs -> bytes(rs, 1));
        return out.isEmpty() ? Optional.empty() : Optional.ofNullable(out.get(0));
    }

    /**
     * Keys of {@code cursorDiskKV} starting with {@code prefix} (which must end in {@code ':'}), with the byte
     * length of their value and the value's {@code lastUpdatedAt} when the value is JSON holding one. The value
     * itself stays in SQLite: this is the cheap "what changed" scan.
     */
    public List<KeyStat> scan(String prefix) throws KvException {
        String sql = "SELECT key, length(value), %s FROM cursorDiskKV WHERE key >= ? AND key < ?";
        RowMapper<KeyStat> mapper = rs -> new KeyStat(rs.getString(1), rs.getLong(2), number(rs.getObject(3)));
        List<Object> params = List.of(prefix, upperBound(prefix));
        try {
            // one JSON parse per row; a value that is not JSON fails the statement, and the guarded form runs
            return query(sql.formatted("json_extract(value, '$.lastUpdatedAt')"), params, mapper);
        } catch (KvException e) {
            if (!e.malformedJson()) {
                throw e;
            }
            return query(sql.formatted("CASE WHEN json_valid(value) THEN json_extract(value, '$.lastUpdatedAt') END"),
                    params, mapper);
        }
    }

    /** Keys of {@code cursorDiskKV} under {@code prefix} with the byte length of their value; no value is read. */
    public List<KeyStat> lengths(String prefix) throws KvException {
        return query("SELECT key, length(value) FROM cursorDiskKV WHERE key >= ? AND key < ?",
                List.of(prefix, upperBound(prefix)), rs -> new KeyStat(rs.getString(1), rs.getLong(2), null));
    }

    /** cursor-agent's {@code store.db}: the hex-encoded JSON of its {@code meta} row {@code "0"}, if present. */
    public Optional<String> agentMetaHex() throws KvException {
        List<String> out = query("SELECT value FROM meta WHERE key = '0' AND length(value) <= ?", List.of(1L << 20),
                rs -> rs.getString(1));
        return out.isEmpty() ? Optional.empty() : Optional.ofNullable(out.get(0));
    }

    /**
     * cursor-agent's {@code store.db}: how many message blobs each role has. Blobs are content-addressed JSON
     * messages or protobuf tree nodes; only the JSON ones with a {@code role} count, and SQLite reads them in place.
     */
    public java.util.Map<String, Long> agentMessagesByRole() throws KvException {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        query("SELECT r, count(*) FROM (SELECT CASE WHEN json_valid(data) THEN json_extract(data, '$.role') END AS r"
                + " FROM blobs) WHERE r IS NOT NULL GROUP BY r", List.of(), rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                    return Boolean.TRUE;
                });
        return out;
    }

    /** The JSON paths of a bubble llm-session reads, in the order {@link CursorJson#bubble(String)} expects them. */
    static final String BUBBLE_PATHS = "'$.type', '$.createdAt', '$.tokenCount.inputTokens', "
            + "'$.tokenCount.outputTokens', '$.contextWindowStatusAtCreation.tokensUsed', "
            + "'$.contextWindowStatusAtCreation.tokenLimit', '$.modelInfo.modelName', '$.modelType', "
            + "'$.toolFormerData.status', '$.context.fileSelections'";

    /**
     * Bubbles under {@code prefix} (or the one exact key {@code exactKey} when not null), each summarised by SQLite in
     * place with one multi-path {@code json_extract}: only the small fields llm-session uses cross JDBC, never the
     * message text or tool output, so gigabytes of bubbles cost one parse each in SQLite's C JSON reader and nothing
     * on the Java heap. A value that is not JSON comes back {@link BubbleRow#malformed()}; one above
     * {@code maxBytes} is not parsed.
     */
    public List<BubbleRow> bubbles(String prefix, String exactKey, long maxBytes) throws KvException {
        String where = exactKey != null ? "key = ?" : "key >= ? AND key < ?";
        List<Object> params = new ArrayList<>(List.of(maxBytes));
        if (exactKey != null) {
            params.add(exactKey);
        } else {
            params.add(prefix);
            params.add(upperBound(prefix));
        }
        RowMapper<BubbleRow> mapper = rs -> {
            long length = rs.getLong(2);
            String fields = rs.getString(3);
            if (fields == null) {
                return new BubbleRow(rs.getString(1), length, null, length <= maxBytes);
            }
            try {
                return new BubbleRow(rs.getString(1), length, CursorJson.bubble(fields), false);
            } catch (java.io.IOException e) {
                return new BubbleRow(rs.getString(1), length, null, true);
            }
        };
        String sql = "SELECT key, length(value), CASE WHEN length(value) <= ? %s THEN json_extract(value, "
                + BUBBLE_PATHS + ") END FROM cursorDiskKV WHERE " + where;
        try {
            return query(sql.formatted(""), params, mapper);
        } catch (KvException e) {
            if (!e.malformedJson()) {
                throw e;
            }
            return query(sql.formatted("AND json_valid(value)"), params, mapper);
        }
    }

    /** The first {@code chars} characters of a bubble's {@code text}, for a title. */
    public Optional<String> bubbleTextStart(String key, int chars) throws KvException {
        List<String> out = query("SELECT CASE WHEN json_valid(value) THEN substr(json_extract(value, '$.text'), 1, ?)"
                + " END FROM cursorDiskKV WHERE key = ? AND length(value) <= ?", List.of(chars, key, 64L << 20),
                rs -> rs.getString(1));
        return out.isEmpty() ? Optional.empty() : Optional.ofNullable(out.get(0)).filter(t -> !t.isBlank());
    }

    /** The next string after every string starting with {@code prefix} ({@code "a:"} → {@code "a;"}). */
    static String upperBound(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    private <T> List<T> query(String sql, List<Object> params, RowMapper<T> mapper) throws KvException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                st.setObject(i + 1, params.get(i));
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw KvException.of(file, e);
        }
    }

    private static byte[] bytes(ResultSet rs, int column) throws SQLException {
        Object o = rs.getObject(column);
        if (o == null) {
            return null;
        }
        if (o instanceof byte[] b) {
            return b;
        }
        return rs.getString(column).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Long number(Object o) {
        return o instanceof Number n ? n.longValue() : null;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing was written; a failed close loses nothing
        }
    }

    /** One key of a range scan. */
    public record KeyStat(String key, long length, Long lastUpdatedAt) {
    }

    /**
     * One bubble row: its summary, or null when the value was too large ({@code malformed} false) or not JSON
     * ({@code malformed} true).
     */
    public record BubbleRow(String key, long length, Bubble bubble, boolean malformed) {
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Why a database could not be read; the message says "busy" when Cursor held a lock past the busy timeout. */
    public static final class KvException extends Exception {
        private static final long serialVersionUID = 1L;

        private KvException(String message, Throwable cause) {
            super(message, cause);
        }

        static KvException of(Path file, SQLException e) {
            boolean busy = e instanceof SQLiteException s
                    && (s.getResultCode() == SQLiteErrorCode.SQLITE_BUSY
                            || s.getResultCode() == SQLiteErrorCode.SQLITE_LOCKED
                            || s.getResultCode().code == SQLiteErrorCode.SQLITE_BUSY.code);
            String what = busy ? "busy (locked by Cursor longer than " + BUSY_TIMEOUT_MS + " ms)"
                    : "unreadable (" + firstLine(e.getMessage()) + ")";
            return new KvException(file + " " + what, e);
        }

        private static String firstLine(String s) {
            if (s == null) {
                return "no message";
            }
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }

        /** A JSON function met a value that is not JSON. */
        boolean malformedJson() {
            return getCause() != null && String.valueOf(getCause().getMessage()).contains("malformed JSON");
        }
    }
}
