package dev.strait.monitor.features;

/**
 * What the monitoring engine keeps of one request: numbers, flags and 64-bit fingerprints, never text.
 * This is what may outlive the request, even where the market forbids storing content.
 *
 * @param keyHash fingerprint of the API key id
 * @param net24 the client's /24 (IPv4) or /48 (IPv6) network as a number, 0 if unknown
 * @param net28 the client's /28 (IPv4) or /56 (IPv6) network, 0 if unknown
 * @param uaHash fingerprint of the User-Agent
 * @param systemHash fingerprint of the system prompt with digits masked, 0 when there is none
 * @param headHash fingerprint of the first words of the user prompt (a template's fixed opening)
 * @param tailHash fingerprint of the last words of the user prompt (a template's fixed closing)
 * @param simHash SimHash of the prompt's word pairs (near-duplicate skeletons are a few bits apart)
 * @param reasoningGroups how many groups of reasoning-elicitation vocabulary the prompt hits
 * @param reasoning whether the request elicits step-wise reasoning
 * @param grading whether the request asks to grade, score or compare answers
 * @param topics fingerprints of up to {@value FeatureExtractor#MAX_TOPICS} content words (topic breadth)
 * @param promptWords words in the user prompt
 */
public record RequestFeatures(
        long tsMillis,
        String org,
        long keyHash,
        String market,
        long net24,
        long net28,
        long uaHash,
        String model,
        boolean chat,
        long systemHash,
        long headHash,
        long tailHash,
        long simHash,
        int reasoningGroups,
        boolean reasoning,
        boolean grading,
        long[] topics,
        int promptWords,
        int turns,
        int n,
        double temperature,
        int maxTokens,
        boolean logprobs,
        boolean seed,
        boolean tools,
        boolean ok,
        int promptTokens,
        int completionTokens) {
}
