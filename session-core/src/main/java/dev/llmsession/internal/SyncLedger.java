package dev.llmsession.internal;

import dev.llmsession.spi.OwnerOnlyFiles;
import dev.llmsession.error.ErrorCode;
import dev.llmsession.error.StoreException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the team database has acknowledged from this machine, kept in one owner-only file beside the local store:
 * per key, the fingerprint of the value last committed there (sessions, usage slices) or the time of the last sample
 * pushed. Whatever the local store holds that differs from it is the outbox: it survives a crash, an outage or a
 * week of sleep because it is derived from the local store, which is the source. A file written for another
 * database or machine is ignored (everything is pushed again; pushes are idempotent). Not thread-safe.
 */
final class SyncLedger {
    private static final String MAGIC = "llm-session team-sync 1";

    private final Path file;
    private final String target;
    private final Map<String, String> acknowledged = new HashMap<>();

    private SyncLedger(Path file, String target) {
        this.file = file;
        this.target = target;
    }

    /** The ledger at {@code file} for {@code target} (database and machine), empty when absent or for another. */
    static SyncLedger load(Path file, String target) {
        Objects.requireNonNull(target, "target");
        SyncLedger ledger = new SyncLedger(file, target.replace('\n', ' ').replace('\t', ' '));
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (!MAGIC.equals(in.readLine()) || !ledger.target.equals(in.readLine())) {
                return ledger;
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int tab = line.lastIndexOf('\t');
                if (tab > 0) {
                    ledger.acknowledged.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        } catch (NoSuchFileException e) {
            // nothing acknowledged yet
        } catch (IOException | RuntimeException e) {
            ledger.acknowledged.clear(); // unreadable: push everything again, which is harmless
        }
        return ledger;
    }

    String get(String key) {
        return acknowledged.get(key);
    }

    void put(String key, String value) {
        acknowledged.put(key, value);
    }

    int size() {
        return acknowledged.size();
    }

    /** Writes the ledger atomically (a crash leaves the previous one), owner-only. */
    void save() {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(tmp);
            OwnerOnlyFiles.create(tmp);
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                out.write(MAGIC);
                out.write('\n');
                out.write(target);
                out.write('\n');
                for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                    out.write(e.getKey());
                    out.write('\t');
                    out.write(e.getValue());
                    out.write('\n');
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StoreException(ErrorCode.IO, "cannot write the team sync ledger " + file + " ("
                    + e.getMessage() + ")", e);
        }
    }
}
