package dev.llmsession.discovery.gemini;

import dev.llmsession.adapterkit.Call;
import dev.llmsession.adapterkit.PriceTable;
import dev.llmsession.api.ModelRates;
import java.util.Map;

/**
 * Google's Gemini API list prices, standard tier, USD per million tokens, as published in March 2026 (Google AI for
 * Developers pricing page; cache reads at 10 % of input). Pro models cost more for a call whose prompt exceeds
 * 200,000 tokens: such a call is priced from the second table. Thoughts are billed as output. A model not listed
 * has no price ("?").
 */
final class GeminiPrices {
    static final String DATE = "2026-03-01";
    /** Above this many prompt tokens a call is billed at the long-context rates. */
    static final long LONG_PROMPT = 200_000;

    static final PriceTable SHORT = new PriceTable(DATE, Map.of(
            "gemini-2.5-pro", rates(1.25, 0.125, 10),
            "gemini-2.5-flash", rates(0.30, 0.03, 2.50),
            "gemini-2.5-flash-lite", rates(0.10, 0.01, 0.40),
            "gemini-3-flash", rates(0.50, 0.05, 3.00),
            "gemini-3.1-pro", rates(2.00, 0.20, 12.00)));
    static final PriceTable LONG = new PriceTable(DATE, Map.of(
            "gemini-2.5-pro", rates(2.50, 0.25, 15),
            "gemini-2.5-flash", rates(0.30, 0.03, 2.50),
            "gemini-2.5-flash-lite", rates(0.10, 0.01, 0.40),
            "gemini-3-flash", rates(0.50, 0.05, 3.00),
            "gemini-3.1-pro", rates(4.00, 0.40, 18.00)));

    private GeminiPrices() {
    }

    /** The table that prices {@code call}: by the size of its prompt. */
    static PriceTable tableFor(Call call) {
        return call.input() + call.cacheRead() > LONG_PROMPT ? LONG : SHORT;
    }

    private static ModelRates rates(double input, double cached, double output) {
        return new ModelRates(input, output, input, cached);
    }
}
