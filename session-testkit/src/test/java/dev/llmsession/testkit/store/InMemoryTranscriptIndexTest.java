package dev.llmsession.testkit.store;

import dev.llmsession.spi.SessionStore;
import dev.llmsession.spi.TranscriptIndex;

/** The {@link TranscriptIndexContract} against the core's in-memory implementation. */
class InMemoryTranscriptIndexTest extends TranscriptIndexContract {
    @Override
    protected TranscriptIndex newIndex() {
        return SessionStore.inMemory().index();
    }
}
