package dev.strait.gateway.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.error.Failure;
import dev.strait.core.error.FailureException;
import dev.strait.core.policy.Market;
import dev.strait.core.policy.Storage;
import dev.strait.gateway.exchange.Chain;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.exchange.Stage;
import dev.strait.gateway.front.Endpoint;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The Responses API's own stage, after admission (it needs the caller's organization and market)
 * and before routing: answers {@code GET}/{@code DELETE /v1/responses/{id}} from the store, and
 * turns a {@code POST /v1/responses} into a chat request (earlier turns included) that the
 * remaining stages route, limit, forward and meter like any chat, with a {@link ResponsesFacade}
 * to turn the answer back.
 */
public final class ResponsesStage implements Stage {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ResponseStore store;
    private final RandomGenerator random;

    public ResponsesStage(ResponseStore store, RandomGenerator random) {
        this.store = store;
        this.random = random;
    }

    @Override
    public void handle(Exchange exchange, Chain chain) {
        if (exchange.endpoint() == Endpoint.STORED_RESPONSE) {
            stored(exchange, chain);
        } else if (exchange.endpoint() == Endpoint.RESPONSES) {
            create(exchange, chain);
        } else {
            chain.proceed(exchange);
        }
    }

    private void stored(Exchange exchange, Chain chain) {
        String orgId = exchange.principal().org().id();
        String id = exchange.route().pathModel();
        boolean delete = exchange.request().method() == HttpMethod.DELETE;
        var response = exchange.request().response();
        if (delete) {
            store.delete(orgId, id).onComplete(result -> {
                if (result.failed()) {
                    chain.fail(exchange, unavailable());
                } else if (!result.result()) {
                    chain.fail(exchange, notFound(id));
                } else {
                    ObjectNode body = JSON.objectNode().put("id", id).put("object", "response.deleted").put("deleted", true);
                    response.putHeader("content-type", "application/json").end(body.toString());
                }
            });
            return;
        }
        store.find(orgId, id).onComplete(result -> {
            if (result.failed()) {
                chain.fail(exchange, unavailable());
            } else if (result.result() == null) {
                chain.fail(exchange, notFound(id));
            } else {
                response.putHeader("content-type", "application/json").end(result.result().response());
            }
        });
    }

    private void create(Exchange exchange, Chain chain) {
        ObjectNode request = exchange.body();
        boolean mayStore = mayStore(exchange.market());
        JsonNode storeField = request.get("store");
        boolean keep = storeField == null || storeField.isNull() ? mayStore : storeField.asBoolean(false);
        // Absent means "keep it if you may"; an explicit request the market forbids is refused, not ignored.
        if (keep && !mayStore) {
            chain.fail(exchange, storageRefused("store", "Responses cannot be stored for organizations in market "
                    + exchange.principal().org().market() + ": its content policy does not permit storing content. "
                    + "Send \"store\": false."));
            return;
        }
        String previous = request.path("previous_response_id").asText(null);
        if (previous != null && !mayStore) {
            chain.fail(exchange, storageRefused("previous_response_id", "Conversation state cannot be kept for "
                    + "organizations in market " + exchange.principal().org().market()
                    + ": send the whole conversation as input instead of previous_response_id."));
            return;
        }
        ArrayNode input;
        try {
            input = ResponsesToChat.inputMessages(request.get("input"));
        } catch (FailureException e) {
            chain.fail(exchange, e.failure());
            return;
        }
        if (previous == null) {
            proceed(exchange, chain, JSON.arrayNode(), input, keep);
            return;
        }
        this.store.find(exchange.principal().org().id(), previous).onComplete(result -> {
            if (result.failed()) {
                chain.fail(exchange, unavailable());
            } else if (result.result() == null) {
                chain.fail(exchange, new Failure(Failure.Kind.NOT_FOUND, "previous_response_not_found",
                        "Previous response with id '" + previous + "' not found.", "previous_response_id", null));
            } else {
                ArrayNode earlier;
                try {
                    earlier = (ArrayNode) MAPPER.readTree(result.result().conversation());
                } catch (IOException | ClassCastException e) {
                    chain.fail(exchange, Failure.of(Failure.Kind.INTERNAL, "internal_error",
                            "The previous response's conversation could not be read."));
                    return;
                }
                proceed(exchange, chain, earlier, input, keep);
            }
        });
    }

    private void proceed(Exchange exchange, Chain chain, ArrayNode earlier, ArrayNode input, boolean keep) {
        ObjectNode request = exchange.body();
        ArrayNode conversation = earlier.addAll(input);
        String id = "resp_" + HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
        ResponsesCall call = new ResponsesCall(id, exchange.principal().org().id(), exchange.createdEpochSeconds(),
                request, conversation, keep);
        ObjectNode chat;
        try {
            chat = ResponsesToChat.chatBody(request, conversation);
        } catch (FailureException e) {
            chain.fail(exchange, e.failure());
            return;
        }
        // Earlier turns are part of what is sent: limits estimate from the size of the whole.
        exchange.body(chat, exchange.bodyBytes() + (earlier.isEmpty() ? 0 : conversation.toString().length()));
        exchange.facade(new ResponsesFacade(call, this.store));
        exchange.request().response().putHeader("x-strait-response-id", id);
        chain.proceed(exchange);
    }

    static boolean mayStore(Market market) {
        return market != null && market.storage() != null && market.storage().level() == Storage.Level.FULL;
    }

    static Failure storageRefused(String param, String message) {
        return Failure.invalid("storage_not_permitted", message, param);
    }

    private static Failure notFound(String id) {
        return Failure.notFound("response_not_found", "Response with id '" + id + "' not found.");
    }

    private static Failure unavailable() {
        return Failure.of(Failure.Kind.UNAVAILABLE, "store_unavailable",
                "Stored responses cannot be read right now. Try again shortly.");
    }
}
