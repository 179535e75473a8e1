package dev.llmsession.discovery.claudecode.transcript;

/**
 * Where a read puts each complete line, in file order: a {@link SummaryBuilder}, or a {@link RecordedLines} that a
 * range read in parallel fills and that is replayed into the builder once the ranges before it are folded.
 */
interface LineFold {
    /** One parsed line. */
    void accept(TranscriptLine line);

    /** A complete line that was not a JSON object. */
    void malformed();

    /** A line too large for the buffer, parsed from the file (followed by its accept or malformed). */
    void huge();
}
