package dev.strait.emulator;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import java.util.Locale;

/**
 * Real tokenizers, so that the usage the emulator reports is what a gateway estimating with the
 * same tokenizer would compute. Anthropic publishes no tokenizer; cl100k_base stands in for it,
 * which is close enough for metering tests but not for exact Claude counts.
 */
final class Tokens {

    /** Model families that OpenAI serves with o200k_base; everything else gets cl100k_base. */
    private static final List<String> O200K_PREFIXES = List.of("gpt-4o", "gpt-4.1", "gpt-5", "o1", "o3", "o4", "chatgpt-4o");

    private final Encoding o200k;
    private final Encoding cl100k;

    Tokens() {
        EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
        // Loaded eagerly: the first request must not pay the vocabulary load on the event loop.
        this.o200k = registry.getEncoding(EncodingType.O200K_BASE);
        this.cl100k = registry.getEncoding(EncodingType.CL100K_BASE);
    }

    Encoding forOpenAiModel(String model) {
        String name = model == null ? "" : model.toLowerCase(Locale.ROOT);
        for (String prefix : O200K_PREFIXES) {
            if (name.startsWith(prefix)) {
                return o200k;
            }
        }
        return cl100k;
    }

    Encoding forAnthropic() {
        return cl100k;
    }

    static int count(Encoding encoding, String text) {
        return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }
}
