package dev.strait.gateway.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.facade.Facade;
import dev.strait.gateway.translate.StreamTranslator;
import dev.strait.gateway.translate.TokenUsage;
import java.nio.charset.StandardCharsets;

/** The Responses API over chat: answers and streams in its shape, and keeps what is to be stored. */
final class ResponsesFacade implements Facade {

    private final ResponsesCall call;
    private final ResponseStore store;

    ResponsesFacade(ResponsesCall call, ResponseStore store) {
        this.call = call;
        this.store = store;
    }

    @Override
    public byte[] answer(ObjectNode chatCompletion, TokenUsage usage, Exchange exchange) {
        ArrayNode output = ResponseObjects.outputFromChat(call, chatCompletion);
        String status = ResponseObjects.status(chatCompletion.path("choices").path(0).path("finish_reason").asText(null));
        ObjectNode response = ResponseObjects.response(call, status, output, usage);
        keep(response, output);
        return response.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public StreamTranslator stream(StreamTranslator chat, Exchange exchange) {
        return new ChatStreamToResponses(call, chat, this::keep);
    }

    /** A finished response, kept when the caller asked (or left the default) and its market allows it. */
    void keep(ObjectNode response, ArrayNode output) {
        if (!call.store()) {
            return;
        }
        ArrayNode conversation = call.conversation().deepCopy();
        conversation.add(ResponseObjects.assistantTurn(output));
        store.put(new StoredResponse(call.id(), call.orgId(), call.createdAt(), response.toString(),
                conversation.toString()));
    }
}
