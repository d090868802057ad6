package dev.strait.gateway.front;

/** The API family a caller speaks; decides how bodies are read and how failures are written. */
public enum Dialect {
    OPENAI,
    /** OpenAI bodies on Azure's routes: {@code /openai/deployments/{name}/...?api-version=}. */
    AZURE,
    ANTHROPIC;

    /** Azure bodies are OpenAI's; only the routes differ. */
    public boolean openAiBodies() {
        return this != ANTHROPIC;
    }
}
