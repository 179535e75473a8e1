package dev.llmsession.cli.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.llmsession.error.UsageException;
import dev.llmsession.spi.Tokenizer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * OpenAI's byte-pair encodings through jtokkit: {@code o200k} (GPT-4o and later) and {@code cl100k} (GPT-4,
 * GPT-3.5). Claude's tokenizer is not public, so these are the closest exact counts available; each vocabulary is
 * loaded on first use only. Thread-safe.
 */
public final class BpeTokenizers {
    /** The names {@code --tokenizer} accepts. */
    public static final List<String> NAMES = List.of("o200k", "cl100k");

    private BpeTokenizers() {
    }

    /**
     * The tokenizer called {@code name} ({@code o200k} or {@code cl100k}, with or without {@code _base}).
     *
     * @throws UsageException for any other name, or when jtokkit is not on the class path
     */
    public static Tokenizer named(String name) {
        String n = Objects.requireNonNull(name, "name").strip().toLowerCase(Locale.ROOT).replaceFirst("_base$", "");
        EncodingType type;
        try {
            type = type(n, name);
        } catch (NoClassDefFoundError e) {
            throw new UsageException("tokenizer " + n + " needs jtokkit on the class path");
        }
        return new Bpe(type);
    }

    private static EncodingType type(String n, String name) {
        return switch (n) {
            case "o200k" -> EncodingType.O200K_BASE;
            case "cl100k" -> EncodingType.CL100K_BASE;
            default -> throw new UsageException("unknown tokenizer '" + name + "' (choose "
                    + String.join(" or ", NAMES) + "; without --tokenizer, four characters count as one token)");
        };
    }

    /** One registry per process, created on first use; it loads each vocabulary lazily. */
    private static final class Registry {
        static final EncodingRegistry INSTANCE = Encodings.newLazyEncodingRegistry();
    }

    /**
     * The vocabulary is loaded on the first count, not before: a re-run answered wholly from the cache never
     * loads it (o200k's takes about a second).
     */
    private record Bpe(EncodingType type) implements Tokenizer {
        @Override
        public String id() {
            return type.getName();
        }

        /** Special-token text in a file ({@code <|endoftext|>}) is ordinary text, as it would be in a prompt. */
        @Override
        public long count(CharSequence text) {
            Encoding encoding = Registry.INSTANCE.getEncoding(type);
            return encoding.countTokensOrdinary(text.toString());
        }
    }
}
