package dev.llmsession.discovery.claudecode.transcript;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** {@link JsonCursor} over a Jackson streaming parser; texts are read through {@code text}. */
final class JacksonCursor implements JsonCursor {

    private final JsonParser p;
    private final LineParser.TextReader text;

    JacksonCursor(JsonParser p, LineParser.TextReader text) {
        this.p = p;
        this.text = text;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        return p.nextToken();
    }

    @Override
    public JsonToken currentToken() {
        return p.currentToken();
    }

    @Override
    public String currentName() throws IOException {
        return p.currentName();
    }

    @Override
    public void skipChildren() throws IOException {
        p.skipChildren();
    }

    @Override
    public String string() throws IOException {
        return LineParser.string(p);
    }

    @Override
    public String text(int maxChars) throws IOException {
        return text.read(p, maxChars);
    }

    @Override
    public long count() throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long v = p.getLongValue();
            return v >= 0 && v <= TranscriptLine.Usage.MAX_COUNT ? v : TranscriptLine.Usage.INVALID;
        }
        p.skipChildren();
        return TranscriptLine.Usage.INVALID;
    }

    @Override
    public long numberAsLong() throws IOException {
        return p.getValueAsLong(-1);
    }
}
