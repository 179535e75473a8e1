package dev.llmsession.discovery.gemini;

import dev.llmsession.adapterkit.PriceTable;
import dev.llmsession.api.ModelRates;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Google's Gemini API list prices, standard tier, USD per million tokens, as published in March 2026 (Google AI for
 * Developers pricing page; cache reads at 10 % of input). Pro models cost more for a call whose prompt exceeds
 * 200,000 tokens: their long-prompt band. Thoughts are billed as output. A model not listed
 * has no price ("?").
 */
final class GeminiPrices {
    static final String DATE = "2026-03-01";
    /** Above this many prompt tokens a call is billed at the long-context rates. */
    static final long LONG_PROMPT = 200_000;

    static final PriceTable TABLE = PriceTable.of(DATE, Map.of(
            "gemini-2.5-pro", longPrompt(rates(1.25, 0.125, 10), rates(2.50, 0.25, 15)),
            "gemini-2.5-flash", PriceTable.Model.of(rates(0.30, 0.03, 2.50)),
            "gemini-2.5-flash-lite", PriceTable.Model.of(rates(0.10, 0.01, 0.40)),
            "gemini-3-flash", PriceTable.Model.of(rates(0.50, 0.05, 3.00)),
            "gemini-3.1-pro", longPrompt(rates(2.00, 0.20, 12.00), rates(4.00, 0.40, 18.00))));

    private GeminiPrices() {
    }

    private static PriceTable.Model longPrompt(PriceTable.Rates rates, PriceTable.Rates above) {
        return new PriceTable.Model(rates, List.of(), Optional.of(new PriceTable.LongPrompt(LONG_PROMPT, above)), 1.0);
    }

    private static PriceTable.Rates rates(double input, double cached, double output) {
        return PriceTable.Rates.of(new ModelRates(input, output, input, cached));
    }
}
