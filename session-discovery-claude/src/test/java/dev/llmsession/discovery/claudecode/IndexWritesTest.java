package dev.llmsession.discovery.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

final class IndexWritesTest {

    @Test
    void onTheirOwnThread_commitsRunInTheOrderGiven_whileTheCallerGoesOn_allDoneAtFinish() throws Exception {
        IndexWrites writes = IndexWrites.onThreadOfTheirOwn();
        List<Integer> done = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch callerWentOn = new CountDownLatch(1);
        writes.submit(() -> {
            await(callerWentOn);
            done.add(0);
        });
        for (int i = 1; i < 50; i++) {
            int n = i;
            writes.submit(() -> {
                threads.add(Thread.currentThread().getName());
                done.add(n);
            });
        }
        assertThat(done).isEmpty(); // the first commit waits for this thread: the caller did not wait for it
        callerWentOn.countDown();

        writes.finish();

        assertThat(done).hasSize(50).isSorted();
        assertThat(threads).containsOnly("claude-index-writer");
    }

    @Test
    void aCommitFailingUnhandled_endsTheWrites_andIsThrownAtFinishAsItWas() {
        IndexWrites writes = IndexWrites.onThreadOfTheirOwn();
        List<Integer> done = Collections.synchronizedList(new ArrayList<>());
        IllegalStateException diskFull = new IllegalStateException("disk full");
        writes.submit(() -> done.add(1));
        writes.submit(() -> {
            throw diskFull;
        });
        writes.submit(() -> done.add(3));

        assertThatThrownBy(writes::finish).isSameAs(diskFull);
        assertThat(done).containsExactly(1);
    }

    @Test
    void anErrorOfACommit_isThrownAtFinishAsItWas() {
        IndexWrites writes = IndexWrites.onThreadOfTheirOwn();
        AssertionError killed = new AssertionError("killed");
        writes.submit(() -> {
            throw killed;
        });

        assertThatThrownBy(writes::finish).isSameAs(killed);
    }

    @Test
    void inline_runsEachCommitAtOnce_onTheCallersThread() {
        List<String> threads = new ArrayList<>();

        IndexWrites.INLINE.submit(() -> threads.add(Thread.currentThread().getName()));

        assertThat(threads).containsExactly(Thread.currentThread().getName());
        IndexWrites.INLINE.finish();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
