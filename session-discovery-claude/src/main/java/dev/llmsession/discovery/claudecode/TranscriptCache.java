package dev.llmsession.discovery.claudecode;

import dev.llmsession.discovery.claudecode.transcript.FileSummary;
import dev.llmsession.discovery.claudecode.transcript.TranscriptReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Memoises file summaries by (path, size, mtime); a changed file is read again from the start. Thread-safe. */
final class TranscriptCache {

    private final TranscriptReader reader;
    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();

    TranscriptCache(TranscriptReader reader) {
        this.reader = reader;
    }

    FileSummary read(Path path, boolean sidechainFile) {
        long size;
        Instant modified;
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            size = a.size();
            modified = a.lastModifiedTime().toInstant();
        } catch (IOException e) {
            entries.remove(path);
            return reader.read(path, sidechainFile);
        }
        Entry cached = entries.get(path);
        if (cached != null && cached.size == size && cached.modified.equals(modified)
                && cached.sidechain == sidechainFile) {
            return cached.summary;
        }
        FileSummary summary = reader.read(path, sidechainFile);
        if (!summary.unreadable() && summary.size() == size && modified.equals(summary.modified())) {
            entries.put(path, new Entry(size, modified, sidechainFile, summary));
        }
        return summary;
    }

    /** Forgets files that were not read in the last run (deleted or no longer listed). */
    void retainOnly(java.util.Set<Path> paths) {
        entries.keySet().retainAll(paths);
    }

    /** Number of memoised files. */
    int size() {
        return entries.size();
    }

    private record Entry(long size, Instant modified, boolean sidechain, FileSummary summary) {
    }
}
