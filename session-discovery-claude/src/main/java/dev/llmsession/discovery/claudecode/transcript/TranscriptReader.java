package dev.llmsession.discovery.claudecode.transcript;

import dev.llmsession.adapterkit.LineScanner;
import dev.llmsession.spi.RegularFiles;
import dev.llmsession.adapterkit.Json;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a transcript file line by line at the byte level and returns its {@link FileSummary}. Lines up to
 * {@link #DEFAULT_MAX_BUFFERED_LINE} bytes are parsed from a reused buffer; longer lines are parsed
 * straight from the file region, so no buffer ever grows with the line. Only lines ending in {@code '\n'}
 * count; the unterminated tail is left for the next read. A file that vanishes or shrinks yields what was
 * read, marked unreadable; no exception escapes. Thread-safe (stateless apart from the kit's shared factory).
 */
public final class TranscriptReader {

    /** Lines longer than this are streamed from the file instead of buffered. */
    public static final int DEFAULT_MAX_BUFFERED_LINE = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(TranscriptReader.class);

    private final LineParser parser = new LineParser();
    private final int maxBufferedLine;
    private final LongAdder bytesRead = new LongAdder();
    private final boolean prefilter;
    /** Each reading thread's scanner for large reads. */
    private final ThreadLocal<LineScanner> scanners;
    /** Each reading thread's scanner for small reads (most files: a buffer per file was ~8 % of a first index's allocation). */
    private final ThreadLocal<LineScanner> smallScanners;
    /** Each reading thread's byte-level cursor (it keeps the field names it has decoded). */
    private final ThreadLocal<ByteCursor> cursors;
    /** Reads below this size use the thread's small buffer. */
    private static final long SMALL_READ = 256 << 10;
    /** A read this large is split into ranges parsed in parallel. */
    static final long SPLIT_AT = 64L << 20;
    /** The size of one such range. */
    static final long RANGE = 16L << 20;
    private static final int RANGE_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** Shared by all readers; its threads end when idle. */
    private static final ExecutorService RANGE_POOL = rangePool();

    public TranscriptReader() {
        this(DEFAULT_MAX_BUFFERED_LINE);
    }

    /** @param maxBufferedLine longest line (bytes) parsed from memory; longer ones stream from the file */
    public TranscriptReader(int maxBufferedLine) {
        this(maxBufferedLine, true);
    }

    /**
     * @param maxBufferedLine longest line (bytes) parsed from memory; longer ones stream from the file
     * @param prefilter       whether lines are read by the byte-level {@link ByteCursor} first (Jackson then reads
     *                        only the lines it gives up); the results are the same either way, only the speed differs
     */
    public TranscriptReader(int maxBufferedLine, boolean prefilter) {
        this.prefilter = prefilter;
        if (maxBufferedLine < 64) {
            throw new IllegalArgumentException("maxBufferedLine too small: " + maxBufferedLine);
        }
        this.maxBufferedLine = maxBufferedLine;
        this.scanners = ThreadLocal.withInitial(() -> new LineScanner(maxBufferedLine, LineScanner.CHUNK));
        this.smallScanners = ThreadLocal.withInitial(() -> new LineScanner(maxBufferedLine, SMALL_READ));
        this.cursors = ThreadLocal.withInitial(ByteCursor::new);
    }

    private static ExecutorService rangePool() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(RANGE_THREADS, RANGE_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "claude-range-reader-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The longest line this reader buffers in memory. */
    public int maxBufferedLine() {
        return maxBufferedLine;
    }

    /**
     * Reads {@code path} from the start.
     *
     * @param sidechainFile true for sub-agent files (every line counts as a sub-agent line)
     */
    public FileSummary read(Path path, boolean sidechainFile) {
        SummaryBuilder builder = new SummaryBuilder(sidechainFile);
        long size;
        Instant modified;
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            size = attributes.size();
            modified = attributes.lastModifiedTime().toInstant();
        } catch (IOException e) {
            LOG.debug("cannot stat {}: {}", path, e.toString());
            return builder.build(path, 0, null, 0, true);
        }
        return resume(path, builder, 0, size, modified);
    }

    /**
     * Continues a read of {@code path}: {@code builder} holds the fold of the complete lines before byte
     * {@code from}, which must be the offset just after a complete line (or 0). Only bytes from {@code from}
     * on are read; {@code builder} is left at the new offset, ready for {@link SummaryBuilder#snapshot()}.
     *
     * @param size     the file's size when it was looked at
     * @param modified its modification time then
     */
    public FileSummary resume(Path path, SummaryBuilder builder, long from, long size, Instant modified) {
        return resume(path, builder, from, size, modified, bytes -> { });
    }

    /**
     * {@link #resume(Path, SummaryBuilder, long, long, Instant)}, telling {@code onRange} the bytes of each range of a
     * split read as it is folded (a progress bar then moves inside one huge file); a file read in one pass tells it
     * nothing, its caller counts the file when it is done.
     */
    public FileSummary resume(Path path, SummaryBuilder builder, long from, long size, Instant modified,
            LongConsumer onRange) {
        try (FileChannel channel = RegularFiles.open(path)) {
            Outcome outcome = read(channel, builder, from, onRange);
            boolean shrank = outcome.shrank() || channel.size() < size;
            return withTail(builder, outcome).build(path, size, modified, outcome.completeBytes(), shrank);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read {}: {}", path, e.toString());
            return builder.build(path, size, modified, from, true);
        }
    }

    /**
     * The fold to summarise: {@code builder} itself, or, when the file ends in a whole JSON object without a
     * newline, a copy of it that has also accepted that line. {@code builder} stays at the last newline (its
     * snapshot is what the index stores), so the line is counted once more only if it is still there, whole, at
     * the next read, and never as the prefix of a longer line that has grown since (SPEC §4 rule 1).
     */
    private static SummaryBuilder withTail(SummaryBuilder builder, Outcome outcome) {
        if (outcome.tail() == null) {
            return builder;
        }
        SummaryBuilder copy = builder.copy();
        copy.accept(outcome.tail());
        copy.partialTail(0);
        return copy;
    }

    /** Bytes read from files by this reader since it was made (a statistic for tests and benchmarks). */
    public long bytesRead() {
        return bytesRead.sum();
    }

    /** Reads lines from {@code channel} into {@code builder} (exposed for tests on in-memory channels). */
    public Outcome read(SeekableByteChannel channel, SummaryBuilder builder) {
        return read(channel, builder, 0);
    }

    /** Reads lines from byte {@code from} of {@code channel} into {@code builder}. */
    public Outcome read(SeekableByteChannel channel, SummaryBuilder builder, long from) {
        return read(channel, builder, from, bytes -> { });
    }

    private Outcome read(SeekableByteChannel channel, SummaryBuilder builder, long from, LongConsumer onRange) {
        long size0;
        try {
            size0 = channel.size();
        } catch (IOException e) {
            return new Outcome(0, true, null);
        }
        if (channel instanceof FileChannel file && size0 - from >= SPLIT_AT) {
            long[] cuts = new long[(int) ((size0 - from) / RANGE)];
            for (int i = 0; i < cuts.length; i++) {
                cuts[i] = from + (i + 1) * RANGE;
            }
            return readSplit(file, builder, from, size0, cuts, onRange);
        }
        return readRange(channel, builder, from, size0);
    }

    /** Reads {@code [from, size0)} in one pass, folding each line into {@code builder}; the tail as {@link Outcome}. */
    private Outcome readRange(SeekableByteChannel channel, SummaryBuilder builder, long from, long size0) {
        // each thread reuses its buffers (zeroing megabytes per file costs more than reading them); a small read gets
        // the small one, so a thread that only ever reads appended tails does not keep megabytes
        LineScanner scanner = size0 - from < SMALL_READ ? smallScanners.get() : scanners.get();
        long[] reached = {from};
        try {
            // bounded by the size seen at the start: bytes appended meanwhile are the next read's
            LineScanner.Stop stop = scanner.scan(channel, from, size0, sink(channel, builder, reached));
            bytesRead.add(stop.bytesRead());
            builder.partialTail(stop.tail());
            TranscriptLine tail = null;
            if (stop.tail() > 0) {
                tail = scanner.tailTooLong() ? regionLine(channel, stop.lineStart(), stop.end())
                        : bufferedLine(scanner.tailBuffer(), scanner.tailFrom(), scanner.tailTo());
            }
            return new Outcome(stop.lineStart(), stop.end() < size0, tail);
        } catch (IOException | RuntimeException e) {
            LOG.debug("read stopped after byte {}: {}", reached[0], e.toString());
            builder.partialTail(0);
            return new Outcome(reached[0], true, null);
        }
    }

    /** Parses each line the scanner finds into {@code fold}; {@code reached[0]} follows the end of the last one. */
    private LineScanner.Sink sink(SeekableByteChannel channel, LineFold fold, long[] reached) {
        return new LineScanner.Sink() {
            @Override
            public void line(byte[] buffer, int start, int end) {
                parseBuffered(buffer, start, end, fold);
                reached[0] += end - start + 1;
            }

            @Override
            public void longLine(long start, long end) throws IOException {
                fold.huge();
                parseHuge(channel, start, end, fold);
                reached[0] = end + 1;
            }
        };
    }

    /**
     * Reads {@code [from, size0)} as ranges parsed in parallel, folded into {@code builder} in file order: the
     * same fold as one pass (the counting rules depend on order), on every core. Each cut moves to the start of
     * the line it falls in... rather the next line start after it; a cut with no line start before the next one
     * is dropped. At most two ranges per core are in flight, so memory holds a few ranges' parsed lines, not the
     * file's. The last range is read in the same pass as the tail.
     */
    public Outcome readSplit(FileChannel channel, SummaryBuilder builder, long from, long size0, long[] cuts) {
        return readSplit(channel, builder, from, size0, cuts, bytes -> { });
    }

    private Outcome readSplit(FileChannel channel, SummaryBuilder builder, long from, long size0, long[] cuts,
            LongConsumer onRange) {
        List<Long> starts;
        try {
            starts = lineStarts(channel, from, size0, cuts);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot split {} bytes: {}", size0 - from, e.toString());
            return readRange(channel, builder, from, size0);
        }
        int last = starts.size() - 1;
        java.util.ArrayDeque<Future<RecordedRange>> inFlight = new java.util.ArrayDeque<>();
        int next = 0;
        for (int folded = 0; folded < last; folded++) {
            while (next < last && inFlight.size() < 2 * RANGE_THREADS) {
                long start = starts.get(next);
                long end = starts.get(next + 1);
                inFlight.add(RANGE_POOL.submit(() -> recordRange(channel, start, end)));
                next++;
            }
            RecordedRange range;
            try {
                range = inFlight.poll().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                inFlight.forEach(f -> f.cancel(true));
                builder.partialTail(0);
                return new Outcome(starts.get(folded), true, null);
            } catch (ExecutionException e) {
                range = null;
            }
            long end = starts.get(folded + 1);
            if (range == null || range.reached != end) {
                // the file changed under the read (or a range failed): what was folded before it stands
                inFlight.forEach(f -> f.cancel(true));
                if (range != null) {
                    range.lines.replay(builder);
                }
                builder.partialTail(0);
                return new Outcome(range == null ? starts.get(folded) : range.reached, true, null);
            }
            range.lines.replay(builder);
            onRange.accept(end - starts.get(folded));
        }
        return readRange(channel, builder, starts.get(last), size0);
    }

    /** One range's lines; {@code reached} is the end of its last complete line. */
    private record RecordedRange(RecordedLines lines, long reached) {
    }

    private RecordedRange recordRange(FileChannel channel, long start, long end) throws IOException {
        RecordedLines lines = new RecordedLines();
        long[] reached = {start};
        LineScanner.Stop stop = scanners.get().scan(channel, start, end, sink(channel, lines, reached));
        bytesRead.add(stop.bytesRead());
        return new RecordedRange(lines, stop.lineStart());
    }

    /** {@code from}, then for each cut the start of the first line after it (ascending, each below {@code size0}). */
    private static List<Long> lineStarts(FileChannel channel, long from, long size0, long[] cuts) throws IOException {
        List<Long> starts = new ArrayList<>();
        starts.add(from);
        long[] sorted = cuts.clone();
        Arrays.sort(sorted);
        ByteBuffer probe = ByteBuffer.allocate(64 << 10);
        for (long cut : sorted) {
            long at = Math.max(cut, starts.get(starts.size() - 1) + 1) - 1;
            long found = -1;
            while (found < 0 && at < size0) {
                probe.clear();
                probe.limit((int) Math.min(probe.capacity(), size0 - at));
                int n = channel.read(probe, at);
                if (n <= 0) {
                    break;
                }
                int nl = LineScanner.next(probe.array(), 0, n);
                if (nl >= 0) {
                    found = at + nl + 1;
                } else {
                    at += n;
                }
            }
            if (found > starts.get(starts.size() - 1) && found < size0) {
                starts.add(found);
            }
        }
        return starts;
    }

    private void parseBuffered(byte[] buffer, int from, int to, LineFold builder) {
        int start = leadingNuls(buffer, from, to);
        if (blank(buffer, start, to)) {
            return;
        }
        TranscriptLine parsed = parseBytes(buffer, start, to);
        if (parsed == null) {
            builder.malformed();
        } else {
            builder.accept(parsed);
        }
    }

    /** The unterminated last line when it is one whole JSON object, else null (it stays a partial tail). */
    private TranscriptLine bufferedLine(byte[] buffer, int from, int to) {
        int start = leadingNuls(buffer, from, to);
        if (blank(buffer, start, to) || !endsObject(buffer, start, to)) {
            return null;
        }
        return parseBytes(buffer, start, to);
    }

    /** The unterminated last line, too long for the buffer, when it is one whole JSON object; else null. */
    private TranscriptLine regionLine(SeekableByteChannel channel, long start, long end) throws IOException {
        ByteBuffer last = ByteBuffer.allocate((int) Math.min(64, end - start));
        readFully(channel, last, end - last.capacity());
        if (!endsObject(last.array(), 0, last.position())) {
            return null;
        }
        return parseRegion(channel, start, end);
    }

    /**
     * A line of a NUL run glued to its start (what a crash leaves where a write was lost, the next line then
     * written after it) is read from its first other byte: the NULs are not the line's content.
     */
    private static int leadingNuls(byte[] line, int from, int to) {
        int i = from;
        while (i < to && line[i] == 0) {
            i++;
        }
        return i;
    }

    private static boolean endsObject(byte[] b, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return b[i] == '}';
            }
        }
        return false;
    }

    /** Bytes {@code [from, to)} of {@code line} parsed as one line; null when they are not one JSON object. */
    TranscriptLine parseBytes(byte[] line, int from, int to) {
        if (prefilter) {
            try {
                return parser.parse(cursors.get().reset(line, from, to));
            } catch (ByteCursor.GiveUp e) {
                // Jackson reads the line and decides
            } catch (IOException e) {
                return null; // not one JSON object, as Jackson would find
            }
        }
        // token byte offsets count from the parser's first byte, {@code from}
        try (JsonParser p = Json.FACTORY.createParser(line, from, to - from)) {
            return parser.parse(p, (jp, max) -> {
                long at = jp.currentTokenLocation().getByteOffset();
                return at >= 0 ? JsonStringPeek.decode(line, from + (int) at, to, max) : boundedText(jp, max);
            });
        } catch (LineParser.NotAnObjectException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.trace("byte parse failed, retrying with replacement decoding: {}", e.toString());
        }
        try (Reader reader = replacingReader(new ByteArrayInputStream(line, from, to - from));
                JsonParser p = Json.FACTORY.createParser(reader)) {
            return parser.parse(p, TranscriptReader::boundedText);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void parseHuge(SeekableByteChannel channel, long start, long end, LineFold builder)
            throws IOException {
        TranscriptLine parsed = parseRegion(channel, start, end);
        if (parsed == null) {
            builder.malformed();
        } else {
            builder.accept(parsed);
        }
    }

    /** One line too long for the buffer, parsed from the file; null when it is not one JSON object. */
    private TranscriptLine parseRegion(SeekableByteChannel channel, long start, long end) throws IOException {
        start = skipNuls(channel, start, end);
        bytesRead.add(end - start); // a line longer than the buffer is read a second time, from the file
        long from = start;
        try (InputStream in = new RegionInputStream(channel, start, end); JsonParser p = Json.FACTORY.createParser(in)) {
            return parser.parse(p, (jp, max) -> {
                long at = jp.currentTokenLocation().getByteOffset();
                return at >= 0 ? peekRegion(channel, from + at, end, max) : null;
            });
        } catch (LineParser.NotAnObjectException e) {
            return null;
        } catch (RegionInputStream.FileChangedException e) {
            throw e;
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.trace("byte parse of a long line failed, retrying with replacement decoding: {}", e.toString());
        }
        try (Reader reader = replacingReader(new RegionInputStream(channel, start, end));
                JsonParser p = Json.FACTORY.createParser(reader)) {
            // in character mode a long line's texts are not read at all: they could be arbitrarily large
            return parser.parse(p, (jp, max) -> null);
        } catch (RegionInputStream.FileChangedException e) {
            throw e;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    /** The first offset of [start, end) that is not a NUL byte (or end). */
    private static long skipNuls(SeekableByteChannel channel, long start, long end) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        long at = start;
        while (at < end) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), end - at));
            int n = LineScanner.readAt(channel, buffer, at);
            if (n <= 0) {
                return at;
            }
            for (int i = 0; i < n; i++) {
                if (buffer.get(i) != 0) {
                    return at + i;
                }
            }
            at += n;
        }
        return end;
    }

    private static void readFully(SeekableByteChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = LineScanner.readAt(channel, buffer, at);
            if (n < 0) {
                throw new RegionInputStream.FileChangedException("the file ended early");
            }
            at += n;
        }
    }

    static String peekRegion(SeekableByteChannel channel, long at, long end, int maxChars) throws IOException {
        int want = (int) Math.min(JsonStringPeek.bytesFor(maxChars), end - at);
        if (want <= 0) {
            return "";
        }
        ByteBuffer buffer = ByteBuffer.allocate(want);
        long position = at;
        while (buffer.hasRemaining()) {
            int n = LineScanner.readAt(channel, buffer, position);
            if (n < 0) {
                break;
            }
            position += n;
        }
        return JsonStringPeek.decode(buffer.array(), 0, buffer.position(), maxChars);
    }

    private static String boundedText(JsonParser parser, int maxChars) throws IOException {
        // only used for buffered lines, whose strings are bounded by the line buffer
        String text = parser.getText();
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        int cut = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return text.substring(0, cut);
    }

    private static Reader replacingReader(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    private static boolean blank(byte[] line, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * Where a read ended.
     *
     * @param completeBytes offset just after the last complete line
     * @param shrank        the file ended early, shrank or failed while being read
     * @param tail          the line after the last newline when it is one whole JSON object, else null; it is not
     *                      folded into the builder (whose state stays at {@code completeBytes})
     */
    public record Outcome(long completeBytes, boolean shrank, TranscriptLine tail) {
    }
}
