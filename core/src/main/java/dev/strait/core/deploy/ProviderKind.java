package dev.strait.core.deploy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The wire protocol an upstream speaks. */
public enum ProviderKind {
    OPENAI("openai"),
    AZURE_OPENAI("azure-openai"),
    ANTHROPIC("anthropic"),
    /** DeepSeek, vLLM, Ollama and every other server that copies OpenAI's API. */
    OPENAI_COMPATIBLE("openai-compatible");

    public final String id;

    ProviderKind(String id) {
        this.id = id;
    }

    public static Optional<ProviderKind> byId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.id.equals(wanted)).findFirst();
    }

    public boolean speaksOpenAi() {
        return this != ANTHROPIC;
    }
}
