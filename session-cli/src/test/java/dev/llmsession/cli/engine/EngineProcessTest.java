package dev.llmsession.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class EngineProcessTest {
    @Test
    void aRelayingClientsOptionsAndAnyCollectorChoiceStayWithTheCaller() {
        List<String> client = List.of("-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-XX:SharedArchiveFile=/x/llm-session-client.jsa", "-XX:ArchiveClassesAtExit=/tmp/a.jsa",
                "-XX:DumpLoadedClassList=/tmp/c.lst", "-Xshare:auto", "-Xint", "-Dllmsession.relaunch=-Xmx512m",
                "-Djfr.unsupported.vm=true",
                "-XX:+UseSerialGC", "-XX:+UseG1GC", "-XX:+UseZGC", "-XX:+UseParallelGC");
        assertThat(client).allMatch(EngineProcess::clientOnly);
        List<String> kept = List.of("-Xmx512m", "-Dllmsession.build=x", "-Xlog:cds=off", "-XX:+UseCompressedOops",
                "-XX:+UseStringDeduplication", "-Duser.timezone=UTC");
        assertThat(kept).noneMatch(EngineProcess::clientOnly);
        // the engine's own options name its collector, exactly once
        assertThat(EngineProcess.ENGINE_MEMORY.stream().filter(o -> o.startsWith("-XX:+Use") && o.endsWith("GC")))
                .containsExactly("-XX:+UseSerialGC");
        // and its compiler: a caller's choice is dropped, so the engine's is the only one on its command line
        assertThat(EngineProcess.ENGINE_COMPILER).matches(EngineProcess::clientOnly);
    }
}
