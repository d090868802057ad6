package dev.strait.gateway.front;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.error.Failure;

/**
 * Coverage-guided fuzzing of request parsing and validation, for every endpoint with a JSON body.
 * The suite replays {@code RequestParsingFuzzTestInputs/}; {@code bench/fuzz.sh} fuzzes. Invariant:
 * any bytes either parse into an accepted body or are refused as a 4xx {@link Failure} naming a
 * code; nothing else escapes (the front renders a Failure, and only a Failure, to the caller).
 */
class RequestParsingFuzzTest {

    private static final Endpoint[] JSON_ENDPOINTS = {
        Endpoint.CHAT, Endpoint.MESSAGES, Endpoint.RESPONSES, Endpoint.COMPLETIONS, Endpoint.EMBEDDINGS
    };

    @FuzzTest(maxDuration = "2h")
    void anyBodyIsAcceptedOrRefusedWithAClientErrorOnEveryEndpoint(byte[] body) {
        for (Endpoint endpoint : JSON_ENDPOINTS) {
            ObjectNode accepted = RequestChecksProbe.accepted(endpoint, body);
            if (accepted == null) {
                continue;
            }
            Failure verdict = RequestChecksProbe.verdict(endpoint, accepted);
            assertThat(verdict).as("checking is deterministic").isNull();
        }
        ObjectNode any = RequestChecksProbe.parsedObject(body);
        if (any != null) {
            for (Endpoint endpoint : JSON_ENDPOINTS) {
                Failure verdict = RequestChecksProbe.verdict(endpoint, any);
                if (verdict != null) {
                    assertThat(verdict.status()).isBetween(400, 499);
                    assertThat(verdict.code()).isNotBlank();
                    assertThat(verdict.message()).isNotBlank();
                }
            }
        }
    }
}
