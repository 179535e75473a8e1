package dev.llmsession.adapterkit;

import dev.llmsession.model.TokenUsage;
import dev.llmsession.spi.TranscriptIndex;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One API call as the usage ledger keeps it, in the billing classes of {@link TokenUsage}: input is the uncached
 * input only. An adapter keeps its session's calls in its file state and hands them to the index as usage rows,
 * so every {@code usage} report includes the assistant.
 *
 * @param key        de-duplication key, unique per call across the assistant's files
 * @param at         epoch milliseconds of the call
 * @param model      model id ("" when not recorded)
 * @param input      uncached input tokens
 * @param output     output tokens (reasoning included)
 * @param cacheWrite cache-write tokens
 * @param cacheRead  cache-read tokens
 */
public record Call(String key, long at, String model, long input, long output, long cacheWrite, long cacheRead) {
    /** The most calls a state keeps; past it a file's ledger is cut (counted, never silently). */
    public static final int MAX_KEPT = 1 << 20;

    public Call {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(model, "model");
        if (input < 0 || output < 0 || cacheWrite < 0 || cacheRead < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    /** This call under another key (an adapter's per-file key made unique across files). */
    public Call withKey(String newKey) {
        return new Call(newKey, at, model, input, output, cacheWrite, cacheRead);
    }

    /** What this call is billed for: one cache-write rate, no fast mode. */
    public PriceTable.Usage billed() {
        return new PriceTable.Usage(model, Instant.ofEpochMilli(at), input, output, cacheWrite, 0, cacheRead, false);
    }

    public TokenUsage usage() {
        return new TokenUsage(input, output, cacheWrite, cacheRead, 1);
    }

    /** The ledger row of this call in session {@code sessionId}, priced from {@code prices} (NaN when unknown). */
    public TranscriptIndex.UsageRow row(String sessionId, PriceTable prices) {
        return new TranscriptIndex.UsageRow(sessionId, key, at, model, input, output, cacheWrite, cacheRead,
                prices.cost(this), false);
    }

    /** Every call's row. */
    public static List<TranscriptIndex.UsageRow> rows(String sessionId, Collection<Call> calls, PriceTable prices) {
        List<TranscriptIndex.UsageRow> out = new ArrayList<>(calls.size());
        for (Call c : calls) {
            out.add(c.row(sessionId, prices));
        }
        return out;
    }

    /** The calls summed. */
    public static TokenUsage total(Collection<Call> calls) {
        TokenUsage sum = TokenUsage.ZERO;
        for (Call c : calls) {
            sum = sum.plus(c.usage());
        }
        return sum;
    }

    public static void writeAll(DataOutputStream out, Collection<Call> calls) throws IOException {
        out.writeInt(calls.size());
        for (Call c : calls) {
            StateCodec.writeText(out, c.key);
            out.writeLong(c.at);
            StateCodec.writeText(out, c.model);
            out.writeLong(c.input);
            out.writeLong(c.output);
            out.writeLong(c.cacheWrite);
            out.writeLong(c.cacheRead);
        }
    }

    public static List<Call> readAll(DataInputStream in) throws IOException {
        int n = StateCodec.readSize(in, MAX_KEPT);
        List<Call> out = new ArrayList<>(Math.min(n, 4096));
        for (int i = 0; i < n; i++) {
            String key = StateCodec.readText(in);
            long at = in.readLong();
            String model = StateCodec.readText(in);
            out.add(new Call(key == null ? "" : key, at, model == null ? "" : model, in.readLong(), in.readLong(),
                    in.readLong(), in.readLong()));
        }
        return out;
    }
}
