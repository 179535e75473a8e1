package dev.llmsession.discovery.claudecode;

import static dev.llmsession.adapterkit.StateCodec.readChars;
import static dev.llmsession.adapterkit.StateCodec.readSize;
import static dev.llmsession.adapterkit.StateCodec.readText;
import static dev.llmsession.adapterkit.StateCodec.readTime;
import static dev.llmsession.adapterkit.StateCodec.writeChars;
import static dev.llmsession.adapterkit.StateCodec.writeText;
import static dev.llmsession.adapterkit.StateCodec.writeTime;

import dev.llmsession.adapterkit.StateCodec;
import dev.llmsession.discovery.claudecode.transcript.CallKey;
import dev.llmsession.discovery.claudecode.transcript.FileSummary;
import dev.llmsession.discovery.claudecode.transcript.UsageRecord;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the sessions of one project directory claim, file by file: the keys of the calls each file holds, the session
 * it belongs to and, for a main transcript, when it was last written. It is all a running-only refresh needs of the
 * sessions it does not show (SPEC section 4 rule 5: a call two sessions hold counts for the older one), so it decodes
 * the full states of the live sessions' files only, and these small records for the rest of the project. A record
 * holds for a file while the file's stat is the one recorded.
 *
 * <p>Layout after the kit's frame: i32 file count, then per file: path relative to the project directory (text),
 * size (i64), modification time, file key (text), flags (u8: bit 0 = read as a sub-agent file), owning session id
 * (exact, nullable), the file's latest line time (nullable), its summary's modification time (nullable), i32 key
 * count and each key's two longs. Read back in bulk: a refresh of a large history decodes tens of thousands of keys.
 *
 * @param files   the project's files, by path relative to the project directory
 * @param located the same claims by each file's full path under the project directory they were
 *                {@linkplain #locatedIn located in}, or empty
 */
record ProjectClaims(Map<String, FileClaim> files, Map<Path, FileClaim> located) {

    /** Bump whenever the layout or what a record means changes. */
    static final int VERSION = 1;

    ProjectClaims {
        files = Map.copyOf(files);
        located = Map.copyOf(located);
    }

    /** Claims not located in a project directory yet. */
    ProjectClaims(Map<String, FileClaim> files) {
        this(files, Map.of());
    }

    /**
     * These claims with each file's path under {@code projectDir} made once, on the thread that decoded them: a
     * running-only refresh looks up every file of the live projects (6,600 in the 1 GB benchmark), and making each
     * one's relative name to look it up was a tenth of its main thread. A name that does not come back as itself
     * from the path it makes (not normalised, not a path here) is left out: no listed file can have it.
     */
    ProjectClaims locatedIn(Path projectDir) {
        // gathered for one immutable map, which the claims keep as it is (no name resolves to another's path here)
        List<Map.Entry<Path, FileClaim>> byPath = new ArrayList<>(files.size());
        // a folder whose name decoded whole and is not the root: a plain name below it comes back as itself
        String dir = projectDir.toString();
        boolean plainDir = dir.indexOf('\uFFFD') < 0 && !dir.endsWith("/");
        for (Map.Entry<String, FileClaim> e : files.entrySet()) {
            try {
                Path file = projectDir.resolve(e.getKey());
                if (plainDir && plain(e.getKey()) || e.getKey().equals(relative(projectDir, file))) {
                    byPath.add(Map.entry(file, e.getValue()));
                }
            } catch (java.nio.file.InvalidPathException ignored) {
                // a name no file can have
            }
        }
        try {
            @SuppressWarnings("unchecked")
            Map.Entry<Path, FileClaim>[] entries = byPath.toArray(new Map.Entry[0]);
            return new ProjectClaims(files, Map.ofEntries(entries));
        } catch (IllegalArgumentException twoAlike) {
            Map<Path, FileClaim> map = new HashMap<>();
            byPath.forEach(e -> map.put(e.getKey(), e.getValue()));
            return new ProjectClaims(files, map);
        }
    }

    /**
     * Whether {@code name} is ASCII (no NUL) with no empty component: a path resolves it as it is, and its string is
     * the folder's, a slash and the name (what {@link #relative} would check, without making that string).
     */
    private static boolean plain(String name) {
        int n = name.length();
        if (n == 0 || name.charAt(0) == '/' || name.charAt(n - 1) == '/') {
            return false;
        }
        char previous = 0;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c == 0 || c >= 0x80 || c == '/' && previous == '/') {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /** The claim recorded for {@code file} of the project {@code projectDir}, or null. */
    FileClaim of(Path projectDir, Path file) {
        if (!located.isEmpty()) {
            return located.get(file);
        }
        String name = relative(projectDir, file);
        return name == null ? null : files.get(name);
    }

    /** {@code file}'s path below {@code projectDir}, or null when it is not below it. */
    static String relative(Path projectDir, Path file) {
        String dir = projectDir.toString();
        String path = file.toString();
        return path.length() > dir.length() + 1 && path.startsWith(dir) && path.charAt(dir.length()) == '/'
                ? path.substring(dir.length() + 1) : file.startsWith(projectDir) ? projectDir.relativize(file).toString()
                : null;
    }

    /**
     * One file's claims.
     *
     * @param stat       the stat the file had when its summary was taken
     * @param sidechain  whether it was read as a sub-agent file
     * @param sessionId  the session it belongs to (a flat sub-agent file's own {@code sessionId}), or null
     * @param lastEntry  a main transcript's latest line time, or null
     * @param modified   the modification time its summary recorded, or null
     * @param keys       the keys of the calls it holds, two longs each (high, low)
     */
    record FileClaim(FileStat stat, boolean sidechain, String sessionId, Instant lastEntry, Instant modified,
            long[] keys) {

        /** The claim of a file whose summary was taken at {@code stat}. */
        static FileClaim of(FileStat stat, boolean sidechain, String sessionId, FileSummary summary) {
            List<CallKey> keys = new ArrayList<>(summary.usage().size());
            for (UsageRecord r : summary.usage()) {
                CallKey key = CallKey.of(r);
                if (key != null) {
                    keys.add(key);
                }
            }
            long[] flat = new long[keys.size() * 2];
            for (int i = 0; i < keys.size(); i++) {
                flat[2 * i] = keys.get(i).high();
                flat[2 * i + 1] = keys.get(i).low();
            }
            return new FileClaim(stat, sidechain, sessionId, summary.lastTimestamp(), summary.modified(), flat);
        }

        /** Whether this record still speaks for a file found with {@code stat}, read as {@code sidechain}. */
        boolean holdsFor(FileStat current, boolean asSidechain) {
            return current != null && current.equals(stat) && sidechain == asSidechain;
        }

        /**
         * Adds to {@code claimed} the keys of {@code wanted} this file holds, without a key object for the others (a
         * running-only refresh runs every recorded key of a large project through here).
         */
        void claim(WantedKeys wanted, java.util.Set<CallKey> claimed) {
            for (int i = 0; i < keys.length; i += 2) {
                if (wanted.contains(keys[i], keys[i + 1])) {
                    claimed.add(new CallKey(keys[i], keys[i + 1]));
                }
            }
        }
    }

    static byte[] encode(ProjectClaims claims) {
        return StateCodec.encode(new Codec(), claims);
    }

    /** The decoded claims, or empty when the bytes are not claims of this version. */
    static Optional<ProjectClaims> decode(byte[] state) {
        ProjectClaims read = ClaimsDecoder.read(state);
        return read != null ? Optional.of(read) : decodeByCodec(state);
    }

    /** {@link #decode} through the codec's own reader alone. */
    static Optional<ProjectClaims> decodeByCodec(byte[] state) {
        return StateCodec.decode(new Codec(), state);
    }

    private static final class Codec implements StateCodec<ProjectClaims> {
        @Override
        public int version() {
            return VERSION;
        }

        @Override
        public void write(ProjectClaims claims, DataOutputStream out) throws IOException {
            out.writeInt(claims.files().size());
            for (Map.Entry<String, FileClaim> e : claims.files().entrySet()) {
                FileClaim c = e.getValue();
                writeText(out, e.getKey());
                out.writeLong(c.stat().size());
                writeTime(out, c.stat().modified());
                writeText(out, c.stat().key());
                out.writeByte(c.sidechain() ? 1 : 0);
                writeChars(out, c.sessionId());
                writeTime(out, c.lastEntry());
                writeTime(out, c.modified());
                out.writeInt(c.keys().length / 2);
                ByteBuffer keys = ByteBuffer.allocate(c.keys().length * Long.BYTES);
                keys.asLongBuffer().put(c.keys());
                out.write(keys.array());
            }
        }

        @Override
        public ProjectClaims read(DataInputStream in) throws IOException {
            int n = readSize(in, in.available());
            Map<String, FileClaim> files = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                String name = readText(in);
                if (name == null || name.isEmpty()) {
                    throw new IOException("bad path");
                }
                long size = in.readLong();
                Instant modified = readTime(in);
                String key = readText(in);
                int flags = in.readUnsignedByte();
                if ((flags & ~1) != 0 || modified == null || key == null || size < 0) {
                    throw new IOException("bad file record");
                }
                String sessionId = readChars(in);
                Instant lastEntry = readTime(in);
                Instant summaryModified = readTime(in);
                int count = readSize(in, in.available() / 16);
                long[] keys = new long[count * 2];
                ByteBuffer.wrap(in.readNBytes(count * 16)).asLongBuffer().get(keys);
                files.put(name, new FileClaim(new FileStat(size, modified, key), flags == 1, sessionId, lastEntry,
                        summaryModified, keys));
            }
            return new ProjectClaims(files);
        }
    }
}
