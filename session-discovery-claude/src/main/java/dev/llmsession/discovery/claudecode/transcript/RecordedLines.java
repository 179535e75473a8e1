package dev.llmsession.discovery.claudecode.transcript;

import java.util.ArrayList;
import java.util.List;

/** The lines of one range, kept in order until the fold reaches the range. Not thread-safe: one range's reader. */
final class RecordedLines implements LineFold {
    private static final Object MALFORMED = new Object();
    private static final Object HUGE = new Object();

    private final List<Object> lines = new ArrayList<>();

    @Override
    public void accept(TranscriptLine line) {
        lines.add(line);
    }

    @Override
    public void malformed() {
        lines.add(MALFORMED);
    }

    @Override
    public void huge() {
        lines.add(HUGE);
    }

    /** Folds the recorded lines into {@code fold}, in the order they were read. */
    void replay(LineFold fold) {
        for (Object o : lines) {
            if (o == MALFORMED) {
                fold.malformed();
            } else if (o == HUGE) {
                fold.huge();
            } else {
                fold.accept((TranscriptLine) o);
            }
        }
    }
}
