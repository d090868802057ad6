package dev.strait.gateway.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.deploy.Deployment;
import dev.strait.core.policy.Storage;
import dev.strait.gateway.exchange.Exchange;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.nio.charset.StandardCharsets;

/**
 * What a request's span says, read from its ended exchange: the OpenTelemetry GenAI semantic
 * conventions (gen_ai.*, server.*, error.type) plus Strait's own (strait.*). Prompt and answer
 * text go in only when the caller's market lets content be stored ({@code storage.content: full}).
 */
final class SpanFacts {

    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    /** The name earlier versions of the conventions used for the provider; kept for older back ends. */
    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    static final AttributeKey<Double> TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
    static final AttributeKey<Double> TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");
    static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
    static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("strait.request.id");
    static final AttributeKey<String> ORG = AttributeKey.stringKey("strait.org.id");
    static final AttributeKey<String> PROJECT = AttributeKey.stringKey("strait.project.id");
    static final AttributeKey<String> MARKET = AttributeKey.stringKey("strait.market");
    static final AttributeKey<String> REGION = AttributeKey.stringKey("strait.region");
    static final AttributeKey<String> DEPLOYMENT = AttributeKey.stringKey("strait.deployment");
    static final AttributeKey<String> DECISION = AttributeKey.stringKey("strait.policy.decision");
    static final AttributeKey<String> RULE = AttributeKey.stringKey("strait.policy.rule");
    static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("strait.attempts");
    static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("strait.stream");
    static final AttributeKey<String> CONTENT = AttributeKey.stringKey("strait.content");

    private SpanFacts() {
    }

    /** {@code chat gpt-4o}, as the conventions name GenAI spans; {@code POST /v1/files} for the rest. */
    static String name(Exchange exchange) {
        String operation = exchange.endpoint().operation;
        String model = exchange.model() != null ? exchange.model() : exchange.requestedModel();
        if (operation != null) {
            return model == null ? operation : operation + " " + model;
        }
        return exchange.request().method().name() + " " + exchange.route().template();
    }

    static Attributes of(Exchange exchange, int status) {
        AttributesBuilder span = Attributes.builder();
        span.put(REQUEST_ID, exchange.id()).put(ROUTE, exchange.route().template()).put(STATUS, status)
                .put(STREAM, exchange.stream());
        String operation = exchange.endpoint().operation;
        if (operation != null) {
            span.put(OPERATION, operation);
        }
        if (exchange.requestedModel() != null) {
            span.put(REQUEST_MODEL, exchange.requestedModel());
        }
        if (exchange.principal() != null) {
            span.put(ORG, exchange.principal().org().id()).put(MARKET, exchange.principal().org().market());
            if (exchange.principal().key().projectId() != null) {
                span.put(PROJECT, exchange.principal().key().projectId());
            }
        }
        span.put(DECISION, exchange.deniedBy() == null ? "allow" : "deny");
        if (exchange.deniedBy() != null) {
            span.put(RULE, exchange.deniedBy());
        }
        Deployment served = exchange.servedBy();
        if (served != null) {
            String provider = provider(served);
            span.put(PROVIDER, provider).put(SYSTEM, provider).put(RESPONSE_MODEL, served.upstreamModel())
                    .put(REGION, served.region()).put(DEPLOYMENT, served.name()).put(ATTEMPTS, exchange.attempts())
                    .put(SERVER_ADDRESS, served.endpoint().getHost())
                    .put(INPUT_TOKENS, exchange.usage().inputTokens())
                    .put(OUTPUT_TOKENS, exchange.usage().outputTokens());
            int port = served.endpoint().getPort();
            span.put(SERVER_PORT, port > 0 ? port : "https".equals(served.endpoint().getScheme()) ? 443 : 80);
        }
        parameters(exchange.body(), span);
        String error = errorType(exchange, status);
        if (error != null) {
            span.put(ERROR_TYPE, error);
        }
        content(exchange, span);
        return span.build();
    }

    static String errorType(Exchange exchange, int status) {
        if (exchange.cancelled()) {
            return "cancelled";
        }
        if (exchange.failureCode() != null) {
            return exchange.failureCode();
        }
        return status >= 400 ? Integer.toString(status) : null;
    }

    /** The provider as the conventions spell the well-known ones. */
    private static String provider(Deployment deployment) {
        return switch (deployment.provider().kind()) {
            case OPENAI -> "openai";
            case AZURE_OPENAI -> "azure.ai.openai";
            case ANTHROPIC -> "anthropic";
            default -> deployment.provider().name();
        };
    }

    private static void parameters(ObjectNode body, AttributesBuilder span) {
        if (body == null) {
            return;
        }
        JsonNode max = body.has("max_completion_tokens") ? body.get("max_completion_tokens")
                : body.has("max_output_tokens") ? body.get("max_output_tokens") : body.get("max_tokens");
        if (max != null && max.canConvertToLong()) {
            span.put(MAX_TOKENS, max.asLong());
        }
        if (body.path("temperature").isNumber()) {
            span.put(TEMPERATURE, body.get("temperature").asDouble());
        }
        if (body.path("top_p").isNumber()) {
            span.put(TOP_P, body.get("top_p").asDouble());
        }
    }

    /**
     * Content only where the market's policy lets it be stored; the span says which way it went,
     * so a trace without text is not mistaken for an empty prompt.
     */
    private static void content(Exchange exchange, AttributesBuilder span) {
        boolean allowed = exchange.market() != null && exchange.market().storage().level() == Storage.Level.FULL;
        span.put(CONTENT, allowed ? "included" : "withheld");
        if (!allowed || exchange.body() == null) {
            return;
        }
        ObjectNode input = exchange.body().objectNode();
        for (String field : new String[] {"system", "instructions", "messages", "input", "prompt"}) {
            if (exchange.body().has(field)) {
                input.set(field, exchange.body().get(field));
            }
        }
        span.put(INPUT_MESSAGES, input.toString());
        if (exchange.answerBody() != null) {
            span.put(OUTPUT_MESSAGES, new String(exchange.answerBody(), StandardCharsets.UTF_8));
        } else if (exchange.streamedData() != null) {
            span.put(OUTPUT_MESSAGES, String.join("\n", exchange.streamedData()));
        }
    }
}
