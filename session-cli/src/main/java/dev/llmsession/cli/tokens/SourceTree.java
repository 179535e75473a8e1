package dev.llmsession.cli.tokens;

import dev.llmsession.error.UsageException;
import dev.llmsession.spi.RegularFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The files a {@code tokens} run counts: files named on the command line as they are, and the files below named
 * directories that git would not ignore. Honours every {@code .gitignore} on the way down, and those of the
 * enclosing repository's directories above a named directory; never enters {@code .git} and follows no symbolic
 * link. Below those, as git orders them, the repository's {@code info/exclude} and the user's
 * {@code core.excludesFile} ({@link GitExcludes}).
 */
public final class SourceTree {
    static final String IGNORE_FILE = ".gitignore";
    /** An ignore file above this is reported, not read (git stops at 100 MiB; none real comes near 8). */
    static final int MAX_IGNORE_BYTES = 8 << 20;

    /**
     * A file or directory that could not be read; reported, not fatal.
     *
     * @param path   as shown to the user
     * @param reason one line
     */
    public record Problem(Path path, String reason) {
        public Problem {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * What a walk found.
     *
     * @param files    files to count, in walk order (named order, then path order inside each directory)
     * @param problems directories or ignore files that could not be read
     * @param ignored  entries left out by ignore rules (a directory counts once)
     * @param links    symbolic links not followed
     */
    public record Listing(List<Path> files, List<Problem> problems, int ignored, int links) {
        public Listing {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }
    }

    /** One {@code .gitignore}: its rules apply to paths relative to {@code base}. */
    private record Layer(Path base, String prefix, IgnoreRules rules) {
        Layer(Path base, IgnoreRules rules) {
            this(base, base.toString().endsWith(base.getFileSystem().getSeparator()) ? base.toString()
                    : base + base.getFileSystem().getSeparator(), rules);
        }

        /** {@code abs} relative to the base, {@code /}-separated (string work: this runs once per entry and layer). */
        String relative(Path abs) {
            String s = abs.toString();
            String r = s.startsWith(prefix) ? s.substring(prefix.length()) : base.relativize(abs).toString();
            return r.replace('\\', '/');
        }
    }

    private final List<Path> files = new ArrayList<>();
    private final Set<Path> seen = new HashSet<>();
    private final List<Problem> problems = new ArrayList<>();
    private int ignored;
    private int links;

    private final GitExcludes excludes;

    private SourceTree(GitExcludes excludes) {
        this.excludes = excludes;
    }

    /**
     * Lists the files to count under {@code arguments}; {@code excludes} finds the user's excludes file.
     *
     * @throws UsageException naming the first argument that does not exist, before anything is walked
     */
    public static Listing list(List<Path> arguments, GitExcludes excludes) {
        for (Path p : arguments) {
            if (!Files.exists(p)) {
                throw new UsageException("no such file or directory: " + p);
            }
        }
        SourceTree tree = new SourceTree(excludes);
        for (Path p : arguments) {
            Path abs = p.toAbsolutePath().normalize();
            if (Files.isDirectory(abs)) {
                tree.walk(p, abs, tree.enclosingLayers(abs));
            } else {
                tree.add(p, abs);
            }
        }
        return new Listing(tree.files, tree.problems, tree.ignored, tree.links);
    }

    private void add(Path shown, Path abs) {
        if (seen.add(abs)) {
            files.add(shown);
        }
    }

    /**
     * The ignore files of the repository directories above {@code dir} (outermost first), when {@code dir} lies
     * inside a git work tree; none otherwise.
     */
    private Deque<Layer> enclosingLayers(Path dir) {
        Path root = null;
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                root = p;
                break;
            }
        }
        Deque<Layer> layers = new ArrayDeque<>();
        if (root == null) {
            return layers;
        }
        // Lowest precedence first: the deepest layer with a matching rule decides.
        for (Path file : excludes.files(root)) {
            IgnoreRules rules = readRules(file, file, problems);
            if (rules != null && !rules.isEmpty()) {
                layers.addFirst(new Layer(root, rules));
            }
        }
        if (root.equals(dir)) {
            return layers;
        }
        List<Path> above = new ArrayList<>();
        for (Path p = dir.getParent(); p != null && p.startsWith(root); p = p.getParent()) {
            above.add(0, p);
        }
        for (Path p : above) {
            IgnoreRules rules = readRules(p.resolve(IGNORE_FILE), p.resolve(IGNORE_FILE), problems);
            if (rules != null && !rules.isEmpty()) {
                layers.addLast(new Layer(p, rules));
            }
        }
        return layers;
    }

    private void walk(Path shown, Path abs, Deque<Layer> layers) {
        IgnoreRules own = readRules(abs.resolve(IGNORE_FILE), shown.resolve(IGNORE_FILE), problems);
        boolean pushed = own != null && !own.isEmpty();
        if (pushed) {
            layers.addLast(new Layer(abs, own));
        }
        try {
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(abs)) {
                stream.forEach(entries::add);
            } catch (IOException e) {
                problems.add(new Problem(shown, describe(e)));
                return;
            }
            entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.equals(".git")) {
                    continue;
                }
                Path entryShown = shown.resolve(name);
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    problems.add(new Problem(entryShown, describe(e)));
                    continue;
                }
                if (a.isSymbolicLink()) {
                    links++;
                } else if (a.isDirectory()) {
                    if (isIgnored(entry, true, layers)) {
                        ignored++;
                    } else {
                        walk(entryShown, entry, layers);
                    }
                } else if (a.isRegularFile()) {
                    if (isIgnored(entry, false, layers)) {
                        ignored++;
                    } else {
                        add(entryShown, entry);
                    }
                }
            }
        } finally {
            if (pushed) {
                layers.removeLast();
            }
        }
    }

    /** The deepest ignore file with a matching rule decides; within a file, its last matching rule. */
    static boolean isIgnored(Path abs, boolean directory, Deque<Layer> layers) {
        var it = layers.descendingIterator();
        while (it.hasNext()) {
            Layer layer = it.next();
            String relative = layer.relative(abs);
            IgnoreRules.Verdict v = layer.rules().match(relative, directory);
            if (v != IgnoreRules.Verdict.NONE) {
                return v == IgnoreRules.Verdict.IGNORED;
            }
        }
        return false;
    }

    /** The rules in {@code file}, null when there is none; one that cannot be read is added to {@code problems}. */
    private static IgnoreRules readRules(Path file, Path shown, List<Problem> problems) {
        // a FIFO or a link to a device named .gitignore is not an ignore file: skipped like git does, never opened
        if (!RegularFiles.isRegular(file)) {
            return null;
        }
        try {
            return IgnoreRules.parse(new String(RegularFiles.readAll(file, MAX_IGNORE_BYTES), StandardCharsets.UTF_8)
                    .lines().toList());
        } catch (IOException e) {
            problems.add(new Problem(shown, describe(e)));
            return null;
        }
    }

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
