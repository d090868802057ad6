package dev.strait.gateway.upstream;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.deploy.Deployment;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.front.Endpoint;
import dev.strait.gateway.translate.AnthropicRelay;
import dev.strait.gateway.translate.ChatResponses;
import dev.strait.gateway.translate.ChatStreamToMessagesStream;
import dev.strait.gateway.translate.ChatToMessages;
import dev.strait.gateway.translate.ErrorBodies;
import dev.strait.gateway.translate.MessagesResponses;
import dev.strait.gateway.translate.MessagesStreamToChatStream;
import dev.strait.gateway.translate.MessagesToChat;
import dev.strait.gateway.translate.OpenAiRelay;
import dev.strait.gateway.translate.StreamTranslator;
import dev.strait.gateway.translate.TokenUsage;
import dev.strait.gateway.translate.Usages;
import java.io.IOException;

/**
 * The two dialects on either side of one attempt, and what crossing between them takes: the body
 * sent up, the answer sent down (whole or event by event) and an upstream error in the caller's
 * terms. When both sides speak the same dialect the bytes pass through untouched.
 */
public abstract sealed class Bridge {

    /** The answer for the caller, and the usage it reports. */
    public record Answer(byte[] body, TokenUsage usage) {}

    final ObjectMapper mapper;
    /** Reads one value out of a larger document: what follows it is not trailing garbage. */
    private final ObjectReader subtree;

    private Bridge(ObjectMapper mapper) {
        this.mapper = mapper;
        this.subtree = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public static Bridge between(Exchange exchange, Deployment deployment, ObjectMapper mapper) {
        Bridge chat = chatBridge(exchange, deployment, mapper);
        return exchange.facade() == null ? chat : new Faced(mapper, chat);
    }

    private static Bridge chatBridge(Exchange exchange, Deployment deployment, ObjectMapper mapper) {
        boolean callerOpenAi = exchange.dialect().openAiBodies();
        boolean upstreamOpenAi = deployment.provider().kind().speaksOpenAi();
        if (callerOpenAi == upstreamOpenAi) {
            return callerOpenAi ? new OpenAiToOpenAi(mapper) : new AnthropicToAnthropic(mapper);
        }
        return callerOpenAi ? new OpenAiToAnthropic(mapper) : new AnthropicToOpenAi(mapper);
    }

    public abstract ObjectNode upstreamBody(Exchange exchange, Deployment deployment);

    public abstract Answer answer(byte[] upstreamBody, Exchange exchange) throws IOException;

    public abstract StreamTranslator streamTranslator(Exchange exchange);

    /** The upstream's error body restated for the caller; null when the upstream's was not JSON. */
    public abstract ObjectNode callerError(int status, byte[] upstreamBody);

    ObjectNode parseObject(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            return node instanceof ObjectNode object ? object : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The top-level {@code usage} of an answer relayed as it came: only that object is built, the rest
     * (the answer's text above all) is skipped undecoded. Null when there is none.
     */
    JsonNode usage(byte[] upstreamBody) throws IOException {
        try (JsonParser p = mapper.getFactory().createParser(upstreamBody)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "an answer must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("usage")) {
                    return subtree.readTree(p);
                }
                p.skipChildren();
            }
            return null;
        }
    }

    static ObjectNode withModel(ObjectNode body, String model) {
        ObjectNode copy = body.deepCopy();
        copy.put("model", model);
        return copy;
    }

    /**
     * An API served over chat (Responses, legacy completions): the chat crossing does the provider's
     * part, the exchange's {@link dev.strait.gateway.facade.Facade} turns chat into the caller's API.
     */
    static final class Faced extends Bridge {
        private final Bridge chat;

        Faced(ObjectMapper mapper, Bridge chat) {
            super(mapper);
            this.chat = chat;
        }

        @Override
        public ObjectNode upstreamBody(Exchange exchange, Deployment deployment) {
            return chat.upstreamBody(exchange, deployment);
        }

        @Override
        public Answer answer(byte[] upstreamBody, Exchange exchange) throws IOException {
            Answer completion = chat.answer(upstreamBody, exchange);
            ObjectNode parsed = (ObjectNode) mapper.readTree(completion.body());
            return new Answer(exchange.facade().answer(parsed, completion.usage(), exchange), completion.usage());
        }

        @Override
        public StreamTranslator streamTranslator(Exchange exchange) {
            return exchange.facade().stream(chat.streamTranslator(exchange), exchange);
        }

        @Override
        public ObjectNode callerError(int status, byte[] upstreamBody) {
            return chat.callerError(status, upstreamBody);
        }
    }

    static final class OpenAiToOpenAi extends Bridge {
        OpenAiToOpenAi(ObjectMapper mapper) {
            super(mapper);
        }

        @Override
        public ObjectNode upstreamBody(Exchange exchange, Deployment deployment) {
            ObjectNode body = withModel(exchange.body(), deployment.upstreamModel());
            if (exchange.stream() && exchange.endpoint() != Endpoint.EMBEDDINGS) {
                // Ask for usage whether or not the caller did: metering needs it.
                body.withObject("stream_options").put("include_usage", true);
            }
            return body;
        }

        @Override
        public Answer answer(byte[] upstreamBody, Exchange exchange) throws IOException {
            return new Answer(upstreamBody, Usages.fromOpenAi(usage(upstreamBody)));
        }

        @Override
        public StreamTranslator streamTranslator(Exchange exchange) {
            return new OpenAiRelay(mapper, exchange.clientWantsStreamUsage());
        }

        @Override
        public ObjectNode callerError(int status, byte[] upstreamBody) {
            return parseObject(upstreamBody);
        }
    }

    static final class AnthropicToAnthropic extends Bridge {
        AnthropicToAnthropic(ObjectMapper mapper) {
            super(mapper);
        }

        @Override
        public ObjectNode upstreamBody(Exchange exchange, Deployment deployment) {
            return withModel(exchange.body(), deployment.upstreamModel());
        }

        @Override
        public Answer answer(byte[] upstreamBody, Exchange exchange) throws IOException {
            return new Answer(upstreamBody, Usages.fromAnthropic(usage(upstreamBody)));
        }

        @Override
        public StreamTranslator streamTranslator(Exchange exchange) {
            return new AnthropicRelay(mapper);
        }

        @Override
        public ObjectNode callerError(int status, byte[] upstreamBody) {
            return parseObject(upstreamBody);
        }
    }

    static final class OpenAiToAnthropic extends Bridge {
        OpenAiToAnthropic(ObjectMapper mapper) {
            super(mapper);
        }

        @Override
        public ObjectNode upstreamBody(Exchange exchange, Deployment deployment) {
            return ChatToMessages.request(exchange.body(), deployment.upstreamModel(), deployment.maxOutputTokens());
        }

        @Override
        public Answer answer(byte[] upstreamBody, Exchange exchange) throws IOException {
            ObjectNode message = (ObjectNode) mapper.readTree(upstreamBody);
            ObjectNode chat = ChatResponses.fromMessages(message, exchange.requestedModel(),
                    exchange.createdEpochSeconds());
            return new Answer(mapper.writeValueAsBytes(chat), Usages.fromAnthropic(message.get("usage")));
        }

        @Override
        public StreamTranslator streamTranslator(Exchange exchange) {
            return new MessagesStreamToChatStream(exchange.requestedModel(), "chatcmpl-" + exchange.id(),
                    exchange.createdEpochSeconds(), exchange.clientWantsStreamUsage());
        }

        @Override
        public ObjectNode callerError(int status, byte[] upstreamBody) {
            ObjectNode error = parseObject(upstreamBody);
            return error == null ? null : ErrorBodies.openAiFromAnthropic(status, error);
        }
    }

    static final class AnthropicToOpenAi extends Bridge {
        AnthropicToOpenAi(ObjectMapper mapper) {
            super(mapper);
        }

        @Override
        public ObjectNode upstreamBody(Exchange exchange, Deployment deployment) {
            return MessagesToChat.request(exchange.body(), deployment.upstreamModel());
        }

        @Override
        public Answer answer(byte[] upstreamBody, Exchange exchange) throws IOException {
            ObjectNode chat = (ObjectNode) mapper.readTree(upstreamBody);
            ObjectNode message = MessagesResponses.fromChat(chat, exchange.requestedModel());
            return new Answer(mapper.writeValueAsBytes(message), Usages.fromOpenAi(chat.get("usage")));
        }

        @Override
        public StreamTranslator streamTranslator(Exchange exchange) {
            return new ChatStreamToMessagesStream(exchange.requestedModel(), mapper);
        }

        @Override
        public ObjectNode callerError(int status, byte[] upstreamBody) {
            ObjectNode error = parseObject(upstreamBody);
            return error == null ? null : ErrorBodies.anthropicFromOpenAi(status, error);
        }
    }
}
