package dev.llmsession.adapterkit;

import dev.llmsession.spi.TranscriptIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Per-file parser state of one adapter, kept in memory between refreshes and through the core
 * {@link TranscriptIndex} between runs, so an append-only file is read from where the last read stopped and a
 * rewritten one only when it changed. A replaced file (another identity) or one that shrank below the offset is
 * read again from its start with a fresh state. A file that vanishes is forgotten; one that cannot be read keeps
 * what an earlier read found and is marked unreadable. Thread-safe: one refresh at a time.
 *
 * @param <S> the adapter's parser state (mutable, owned by this index)
 */
public final class IndexedFiles<S> {
    /** How a file grows. */
    public enum Mode {
        /** Lines are only appended: read from the last offset into the same state. */
        APPEND_ONLY,
        /** The file is rewritten: read it whole into a fresh state whenever it changed. */
        WHOLE_FILE
    }

    /** Reads a file from {@code from} into {@code state}. */
    @FunctionalInterface
    public interface Reader<S> {
        Read read(Path file, long from, S state) throws IOException;
    }

    /**
     * Where a read stopped.
     *
     * @param offset      where the next read starts
     * @param partialTail bytes after it that were not read (an unfinished line)
     */
    public record Read(long offset, long partialTail) {
    }

    /** One file as last read. */
    public static final class Tracked<S> {
        private final Path path;
        private FileStat stat;
        private long offset;
        private long partialTail;
        private boolean unreadable;
        private boolean dirty;
        private S state;

        Tracked(Path path, S state) {
            this.path = path;
            this.state = state;
        }

        public Path path() {
            return path;
        }

        public FileStat stat() {
            return stat;
        }

        public long offset() {
            return offset;
        }

        public long partialTail() {
            return partialTail;
        }

        /** Whether the last read failed (what an earlier read found is kept). */
        public boolean unreadable() {
            return unreadable;
        }

        public S state() {
            return state;
        }
    }

    private final String adapterId;
    private final StateCodec<S> codec;
    private final Supplier<S> fresh;
    private final Reader<S> reader;
    private final Mode mode;
    private final Map<Path, Tracked<S>> files = new HashMap<>();

    public IndexedFiles(String adapterId, StateCodec<S> codec, Supplier<S> fresh, Reader<S> reader, Mode mode) {
        this.adapterId = Objects.requireNonNull(adapterId, "adapterId");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.fresh = Objects.requireNonNull(fresh, "fresh");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** Forgets every file's state kept in memory: the index was cleared, so the next refresh reads them again. */
    public synchronized void forget() {
        files.clear();
    }

    /**
     * Brings every wanted file up to date: restores states an earlier run stored for files this process has not
     * read, then reads what changed. Returns the wanted files that could be read now or earlier, in the order
     * given.
     */
    public synchronized Map<Path, Tracked<S>> refresh(TranscriptIndex index, Map<Path, FileStat> wanted,
            List<String> notes) {
        restore(index, wanted.keySet(), notes);
        Map<Path, Tracked<S>> out = new LinkedHashMap<>();
        wanted.forEach((file, stat) -> {
            Tracked<S> t = update(file, stat);
            if (t != null) {
                out.put(file, t);
            }
        });
        return out;
    }

    /**
     * Hands what this refresh read to the index with each file's usage rows (all its calls), so the next run starts
     * where this one stopped. With {@code forgetAbsent} (a full listing) entries of files not in {@code present}
     * are removed. A failing index costs a note, never the listing.
     */
    public synchronized void commit(TranscriptIndex index, Set<Path> present, boolean forgetAbsent,
            Function<Tracked<S>, List<TranscriptIndex.UsageRow>> usage, List<String> notes) {
        files.keySet().retainAll(present);
        List<TranscriptIndex.Entry> upserts = new ArrayList<>();
        Map<String, List<TranscriptIndex.UsageRow>> rows = new HashMap<>();
        List<Tracked<S>> written = new ArrayList<>();
        for (Tracked<S> t : files.values()) {
            if (t.dirty && t.stat != null) {
                upserts.add(new TranscriptIndex.Entry(t.path.toString(), t.stat.fileKey(), t.stat.size(),
                        t.stat.mtime(), t.offset, encode(t.state)));
                rows.put(t.path.toString(), usage.apply(t));
                written.add(t);
            }
        }
        try {
            List<String> removed = new ArrayList<>();
            if (forgetAbsent) {
                for (String path : index.load(adapterId).keySet()) {
                    if (!present.contains(Path.of(path))) {
                        removed.add(path);
                    }
                }
            }
            TranscriptIndex.Commit commit = new TranscriptIndex.Commit(upserts, removed, rows);
            if (!commit.isEmpty()) {
                index.commit(adapterId, commit);
            }
            written.forEach(t -> t.dirty = false);
        } catch (RuntimeException e) {
            notes.add("index not updated, the next run reads these files again: " + e.getMessage());
        }
    }

    /** The state as stored (see {@link StateCodec#encode}). */
    public byte[] encode(S state) {
        return StateCodec.encode(codec, state);
    }

    /** A stored state back; empty for another version, damaged or trailing bytes. */
    public Optional<S> decode(byte[] bytes) {
        return StateCodec.decode(codec, bytes);
    }

    private void restore(TranscriptIndex index, Collection<Path> wanted, List<String> notes) {
        List<String> unknown = wanted.stream().filter(f -> !files.containsKey(f)).map(Path::toString).toList();
        if (unknown.isEmpty()) {
            return;
        }
        try {
            index.load(adapterId, unknown).forEach((path, e) -> decode(e.state()).ifPresent(state -> {
                Tracked<S> t = new Tracked<>(Path.of(path), state);
                t.stat = new FileStat(e.size(), e.mtime(), e.fileKey());
                t.offset = e.offset();
                t.partialTail = Math.max(0, e.size() - e.offset());
                files.put(t.path, t);
            }));
        } catch (RuntimeException e) {
            notes.add("index unreadable, files read from the start: " + e.getMessage());
        }
    }

    private Tracked<S> update(Path file, FileStat stat) {
        Tracked<S> t = files.get(file);
        if (t != null && stat.equals(t.stat)) {
            return t;
        }
        boolean restart = t == null || mode == Mode.WHOLE_FILE || t.stat == null
                || !t.stat.fileKey().equals(stat.fileKey()) || stat.size() < t.offset;
        Tracked<S> target = restart ? new Tracked<>(file, fresh.get()) : t;
        try {
            Read r = reader.read(file, target.offset, target.state);
            target.offset = r.offset();
            target.partialTail = r.partialTail();
            target.stat = stat;
            target.unreadable = false;
            target.dirty = true;
            files.put(file, target);
            return target;
        } catch (NoSuchFileException e) {
            files.remove(file);
            return null;
        } catch (IOException | UncheckedIOException | SecurityException e) {
            if (t == null) {
                return null;
            }
            // Keep what an earlier refresh read; a read that broke off may have applied part of the new lines, so
            // the next refresh starts the file over.
            t.unreadable = true;
            t.stat = null;
            return t;
        }
    }
}
