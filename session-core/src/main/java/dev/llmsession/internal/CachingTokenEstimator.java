package dev.llmsession.internal;

import dev.llmsession.api.FileEstimate;
import dev.llmsession.api.FileTokens;
import dev.llmsession.spi.FileTokenCache;
import dev.llmsession.spi.TokenEstimator;
import dev.llmsession.spi.Tokenizer;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default estimator: text by its {@link Tokenizer}, conversations by the brief's rule, files by their decoded
 * text, each file version counted once. A file is looked up by absolute path and checked against its size and
 * modification time (one {@code stat}); only a new or changed file is opened. A cache that fails is bypassed
 * (counts are still right, only not remembered). Thread-safe.
 */
public final class CachingTokenEstimator implements TokenEstimator, FileTokens {
    private static final Logger LOG = LoggerFactory.getLogger(CachingTokenEstimator.class);
    /** Below this many files to read, reading in parallel costs more than it saves. */
    private static final int PARALLEL_FROM = 64;

    private final Tokenizer tokenizer;
    private final FileTokenCache cache;
    private final FileContent.Counter counter;
    private final TokenEstimator conversations = TokenEstimator.charsPerToken();

    public CachingTokenEstimator(Tokenizer tokenizer, FileTokenCache cache) {
        this(tokenizer, cache, FileContent::count);
    }

    CachingTokenEstimator(Tokenizer tokenizer, FileTokenCache cache, FileContent.Counter counter) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.counter = Objects.requireNonNull(counter, "counter");
    }

    @Override
    public String tokenizer() {
        return tokenizer.id();
    }

    @Override
    public long estimateText(CharSequence text) {
        return tokenizer.count(text);
    }

    /** The brief's rule whatever the tokenizer: attached files are known here only by their length. */
    @Override
    public long estimateConversation(int messages, long attachedCharacters) {
        return conversations.estimateConversation(messages, attachedCharacters);
    }

    @Override
    public long estimateFile(Path file) {
        return estimate(List.of(file)).get(0).tokens();
    }

    @Override
    public List<FileEstimate> estimate(List<Path> files) {
        int n = files.size();
        Path[] keys = new Path[n];
        long[] sizes = new long[n];
        long[] modified = new long[n];
        String[] problems = new String[n];
        List<Path> statted = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys[i] = files.get(i).toAbsolutePath().normalize();
            try {
                BasicFileAttributes a = Files.readAttributes(keys[i], BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    sizes[i] = a.size();
                    modified[i] = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
                    statted.add(keys[i]);
                } else {
                    problems[i] = "not a regular file";
                }
            } catch (IOException e) {
                problems[i] = describe(e);
            }
        }
        Map<Path, FileTokenCache.Entry> known = load(statted);
        FileEstimate[] out = new FileEstimate[n];
        FileTokenCache.Entry[] fresh = new FileTokenCache.Entry[n];
        List<Integer> toRead = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (problems[i] != null) {
                out[i] = unreadable(files.get(i), problems[i]);
                continue;
            }
            FileTokenCache.Entry e = known.get(keys[i]);
            if (e != null && e.matches(sizes[i], modified[i])) {
                out[i] = estimate(files.get(i), e, true);
            } else {
                toRead.add(i);
            }
        }
        IntStream indices = toRead.stream().mapToInt(Integer::intValue);
        (toRead.size() >= PARALLEL_FROM ? indices.parallel() : indices).forEach(i -> {
            try {
                FileContent.Counted c = counter.count(keys[i], tokenizer);
                fresh[i] = new FileTokenCache.Entry(tokenizer.id(), keys[i], sizes[i], modified[i],
                        c.characters(), c.tokens(), c.binary());
                out[i] = estimate(files.get(i), fresh[i], false);
            } catch (IOException | RuntimeException e) {
                out[i] = unreadable(files.get(i), e instanceof IOException io ? describe(io) : e.toString());
            }
        });
        save(Arrays.stream(fresh).filter(Objects::nonNull).toList());
        return List.of(out);
    }

    private Map<Path, FileTokenCache.Entry> load(List<Path> paths) {
        if (paths.isEmpty()) {
            return Map.of();
        }
        try {
            return cache.load(tokenizer.id(), paths);
        } catch (RuntimeException e) {
            LOG.debug("token cache not readable, counting every file: {}", e.toString());
            return Map.of();
        }
    }

    private void save(List<FileTokenCache.Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            cache.save(entries);
        } catch (RuntimeException e) {
            LOG.debug("token cache not writable, counts are not remembered: {}", e.toString());
        }
    }

    private static FileEstimate estimate(Path path, FileTokenCache.Entry e, boolean cached) {
        return new FileEstimate(path, e.binary() ? FileEstimate.Kind.BINARY : FileEstimate.Kind.TEXT, e.size(),
                e.characters(), e.tokens(), cached, Optional.empty());
    }

    private static FileEstimate unreadable(Path path, String problem) {
        return new FileEstimate(path, FileEstimate.Kind.UNREADABLE, 0, 0, 0, false, Optional.of(problem));
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
