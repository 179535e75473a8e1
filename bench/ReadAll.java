import dev.llmsession.discovery.claudecode.transcript.FileSummary;
import dev.llmsession.discovery.claudecode.transcript.TranscriptReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads every transcript of a corpus with the Claude reader alone (one calling thread; a file of 64 MiB or more is split
 * over the reader's range threads, as in a cold index) and prints the reading's CPU: the calling thread's, the whole
 * process's (range threads, GC, JIT) and the collector's time. Used by bench/reader-cpu.sh.
 */
public class ReadAll {
    public static void main(String[] a) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(a[0]))) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().collect(Collectors.toList());
        }
        var threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long proc0 = os.getProcessCpuTime();
        long gc0 = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> g.getCollectionTime()).sum();
        long t0 = System.nanoTime();
        TranscriptReader reader = new TranscriptReader();
        long calls = 0;
        for (Path f : files) {
            FileSummary s = reader.read(f, f.toString().contains("/subagents/"));
            calls += s.usage().size();
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long proc = os.getProcessCpuTime() - proc0;
        long gc = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> g.getCollectionTime()).sum() - gc0;
        System.out.printf("files %d calls %d  reader thread CPU %.2f s  process CPU %.2f s  wall %.2f s  gc %d ms%n", files.size(), calls,
                cpu / 1e9, proc / 1e9, (System.nanoTime() - t0) / 1e9, gc);
    }
}
