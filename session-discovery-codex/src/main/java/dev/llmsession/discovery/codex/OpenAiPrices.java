package dev.llmsession.discovery.codex;

import dev.llmsession.adapterkit.PriceTable;
import dev.llmsession.api.ModelRates;
import java.util.Map;

/**
 * OpenAI's list prices for the models Codex runs, standard tier, USD per million tokens, as published on
 * 2026-05-13 (OpenAI's API pricing page and the Codex rate card, 25 credits = $1). OpenAI bills a cache write as
 * ordinary input. A model not listed (an older or newer one, a local model behind a custom provider) has no
 * price: its cost shows "?".
 */
final class OpenAiPrices {
    static final PriceTable TABLE = new PriceTable("2026-05-13", Map.ofEntries(
            rates("gpt-5", 1.25, 0.125, 10),
            rates("gpt-5-codex", 1.25, 0.125, 10),
            rates("gpt-5-mini", 0.25, 0.025, 2),
            rates("gpt-5-nano", 0.05, 0.005, 0.40),
            rates("gpt-5.1", 1.25, 0.125, 10),
            rates("gpt-5.1-codex", 1.25, 0.125, 10),
            rates("gpt-5.1-codex-max", 1.25, 0.125, 10),
            rates("gpt-5.1-codex-mini", 0.25, 0.025, 2),
            rates("gpt-5.2", 1.75, 0.175, 14),
            rates("gpt-5.2-codex", 1.75, 0.175, 14),
            rates("gpt-5.3-codex", 1.75, 0.175, 14),
            rates("gpt-5.4", 2.50, 0.25, 15),
            rates("gpt-5.5", 5.00, 0.50, 30)));

    private OpenAiPrices() {
    }

    private static Map.Entry<String, ModelRates> rates(String model, double input, double cachedInput,
            double output) {
        return Map.entry(model, new ModelRates(input, output, input, cachedInput));
    }
}
