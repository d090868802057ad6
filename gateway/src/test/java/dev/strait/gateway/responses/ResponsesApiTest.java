package dev.strait.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import dev.strait.core.access.KeySecrets;
import dev.strait.core.access.OrgKind;
import dev.strait.core.access.OrgState;
import dev.strait.core.policy.Market;
import dev.strait.core.policy.Storage;
import dev.strait.gateway.GatewayHarness;
import dev.strait.gateway.Tenants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The official openai-java SDK drives the Responses API over an OpenAI and an Anthropic upstream. */
class ResponsesApiTest {

    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness();
    static final KeySecrets.Generated OTHER = Tenants.newKey();
    static final KeySecrets.Generated EU = Tenants.newKey();
    static OpenAIClient client;
    static OpenAIClient other;
    static OpenAIClient eu;

    @BeforeAll
    static void start() {
        client = sdk(GatewayHarness.KEY);
        other = sdk(OTHER.text());
        eu = sdk(EU.text());
    }

    static OpenAIClient sdk(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(harness.baseUrl() + "/v1").apiKey(key).maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        other.close();
        eu.close();
    }

    @BeforeEach
    void tenants() {
        harness.access.set(Tenants.with(
                List.of(Tenants.org("org_other", "US", OrgKind.ENTERPRISE, OrgState.VERIFIED),
                        Tenants.org("org_eu", "EU", OrgKind.ENTERPRISE, OrgState.VERIFIED)),
                List.of(Tenants.key(OTHER, "org_other", Set.of()), Tenants.key(EU, "org_eu", Set.of()))));
        Market us = new Market("US", "US", Set.of("any"), Set.of(), Set.of(), Tenants.ALL_REGIONS,
                new Storage(Storage.Level.FULL, 30), "standard", Map.of());
        Market europe = Tenants.market("EU", Set.of("any"), Tenants.ALL_REGIONS); // metadata only
        harness.policy.set(Tenants.policy(Map.of("US", us, "EU", europe), Map.of("any", List.of("*"))));
    }

    static ResponseCreateParams ask(String model, String input) {
        return ResponseCreateParams.builder().model(model).instructions("You are terse.").input(input)
                .maxOutputTokens(40).temperature(0.2).build();
    }

    static String text(Response response) {
        return response.output().stream().filter(ResponseOutputItem::isMessage)
                .flatMap(m -> m.asMessage().content().stream())
                .map(c -> c.outputText().map(t -> t.text()).orElse("")).collect(Collectors.joining());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "claude-sonnet-4-5"})
    void answersAResponseOnEitherUpstreamDialect(String model) {
        Response response = client.responses().create(ask(model, "Name three rivers in Europe."));

        assertThat(response.id()).startsWith("resp_");
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(text(response)).isNotBlank();
        assertThat(response.usage()).isPresent();
        assertThat(response.usage().get().inputTokens()).isPositive();
        assertThat(response.usage().get().outputTokens()).isPositive();
        assertThat(response.usage().get().totalTokens())
                .isEqualTo(response.usage().get().inputTokens() + response.usage().get().outputTokens());
        assertThat(response.instructions()).isPresent();
        assertThat(response.maxOutputTokens()).contains(40L);
        // Metered like a chat: one record, with the response's own token counts.
        assertThat(harness.usage).hasSize(1);
        assertThat(harness.usage.getFirst().inputTokens()).isEqualTo(response.usage().get().inputTokens());
        assertThat(harness.usage.getFirst().outputTokens()).isEqualTo(response.usage().get().outputTokens());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "claude-sonnet-4-5"})
    void streamsResponseEventsInOrderWithSequenceNumbers(String model) {
        List<ResponseStreamEvent> events;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses()
                .createStreaming(ask(model, "Name three rivers in Europe."))) {
            events = stream.stream().toList();
        }
        assertThat(events.getFirst().isCreated()).isTrue();
        assertThat(events.get(1).isInProgress()).isTrue();
        assertThat(events.getLast().isCompleted()).isTrue();
        assertThat(events.stream().filter(ResponseStreamEvent::isOutputItemAdded)).hasSize(1);
        assertThat(events.stream().filter(ResponseStreamEvent::isOutputTextDone)).hasSize(1);
        String deltas = events.stream().filter(ResponseStreamEvent::isOutputTextDelta)
                .map(e -> e.asOutputTextDelta().delta()).collect(Collectors.joining());
        assertThat(deltas).isNotBlank();
        assertThat(events.stream().filter(ResponseStreamEvent::isOutputTextDone).findFirst().get()
                .asOutputTextDone().text()).isEqualTo(deltas);
        Response completed = events.getLast().asCompleted().response();
        assertThat(text(completed)).isEqualTo(deltas);
        assertThat(completed.usage().get().outputTokens()).isPositive();
        // The streamed response is stored like any other.
        assertThat(text(client.responses().retrieve(completed.id()))).isEqualTo(deltas);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "claude-sonnet-4-5"})
    void everyStreamedEventNamesItsTypeAndCarriesTheNextSequenceNumber(String model) throws Exception {
        HttpResponse<String> response = post("{\"model\":\"" + model + "\",\"input\":\"Hi\",\"stream\":true}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).get().asString().startsWith("text/event-stream");
        ObjectMapper json = new ObjectMapper();
        List<String> types = new java.util.ArrayList<>();
        String event = null;
        for (String line : response.body().split("\n")) {
            if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                JsonNode data = json.readTree(line.substring(6));
                assertThat(data.path("type").asText()).isEqualTo(event);
                assertThat(data.path("sequence_number").asInt()).isEqualTo(types.size());
                types.add(event);
            }
        }
        List<String> distinct = new java.util.ArrayList<>();
        types.forEach(t -> {
            if (distinct.isEmpty() || !distinct.getLast().equals(t)) {
                distinct.add(t);
            }
        });
        assertThat(distinct).containsExactly("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.completed");
        assertThat(response.body()).doesNotContain("[DONE]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "claude-sonnet-4-5"})
    void continuesAConversationFromThePreviousResponse(String model) {
        Response first = client.responses().create(ask(model, "Name three rivers in Europe."));
        Response second = client.responses().create(ask(model, "And which is longest?").toBuilder()
                .previousResponseId(first.id()).build());

        assertThat(second.previousResponseId()).contains(first.id());
        // The second turn carried the first one's question and answer upstream.
        assertThat(second.usage().get().inputTokens()).isGreaterThan(first.usage().get().inputTokens()
                + first.usage().get().outputTokens() / 2);
        Response third = client.responses().create(ask(model, "Thanks.").toBuilder()
                .previousResponseId(second.id()).build());
        assertThat(third.usage().get().inputTokens()).isGreaterThan(second.usage().get().inputTokens());
    }

    @Test
    void retrievesAndDeletesAStoredResponse() {
        Response created = client.responses().create(ask("gpt-4o", "Hello there."));

        Response fetched = client.responses().retrieve(created.id());
        assertThat(fetched.id()).isEqualTo(created.id());
        assertThat(text(fetched)).isEqualTo(text(created));

        client.responses().delete(created.id());
        assertThatThrownBy(() -> client.responses().retrieve(created.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.responses().delete(created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anotherOrganizationCanNeitherReadNorContinueNorDeleteAResponse() {
        Response mine = client.responses().create(ask("gpt-4o", "A private question."));

        assertThatThrownBy(() -> other.responses().retrieve(mine.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> other.responses().create(ask("gpt-4o", "Go on.").toBuilder()
                .previousResponseId(mine.id()).build())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> other.responses().delete(mine.id())).isInstanceOf(NotFoundException.class);
        assertThat(client.responses().retrieve(mine.id()).id()).isEqualTo(mine.id());
    }

    @Test
    void storeIsRefusedWhereTheMarketForbidsStoringContent() {
        assertThatThrownBy(() -> eu.responses().create(ask("gpt-4o", "Hello.").toBuilder().store(true).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.code()).contains("storage_not_permitted");
                    assertThat(e.getMessage()).contains("market EU");
                });
        assertThat(harness.healthy.stats().requests()).isZero();
        // Without store (or with store: false) it is served, and nothing is kept.
        Response unstored = eu.responses().create(ask("gpt-4o", "Hello."));
        assertThat(unstored._additionalProperties().get("store")).isEqualTo(JsonValue.from(false));
        assertThatThrownBy(() -> eu.responses().retrieve(unstored.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> eu.responses().create(ask("gpt-4o", "Go on.").toBuilder()
                .previousResponseId(unstored.id()).build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.code()).contains("storage_not_permitted"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "claude-sonnet-4-5"})
    void callsFunctionToolsAndTakesTheirOutputBack(String model) {
        FunctionTool weather = FunctionTool.builder().name("get_weather").description("Weather in a city")
                .parameters(FunctionTool.Parameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city"))).build())
                .strict(false).build();
        Response call = client.responses().create(ask(model, "Weather in Paris?").toBuilder().addTool(weather).build());
        ResponseFunctionToolCall function = call.output().stream().filter(ResponseOutputItem::isFunctionCall)
                .findFirst().orElseThrow().asFunctionCall();
        assertThat(function.name()).isEqualTo("get_weather");
        assertThat(function.callId()).isNotBlank();

        List<ResponseStreamEvent> events;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
                ask(model, "Weather in Paris?").toBuilder().addTool(weather).build())) {
            events = stream.stream().toList();
        }
        assertThat(events.stream().filter(ResponseStreamEvent::isFunctionCallArgumentsDone).findFirst().orElseThrow()
                .asFunctionCallArgumentsDone().arguments()).contains("city");
        assertThat(events.getLast().asCompleted().response().output()).anySatisfy(item -> {
            assertThat(item.isFunctionCall()).isTrue();
            assertThat(item.asFunctionCall().name()).isEqualTo("get_weather");
        });

        Response answer = client.responses().create(ResponseCreateParams.builder().model(model)
                .previousResponseId(call.id()).addTool(weather)
                .inputOfResponse(List.of(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput
                        .builder().callId(function.callId()).output("{\"celsius\":21}").build())))
                .build());
        assertThat(text(answer)).isNotBlank();
    }

    @Test
    void unsupportedToolsAndBadInputAreClearErrors() throws Exception {
        HttpResponse<String> response = post("{\"model\":\"gpt-4o\",\"input\":\"hi\",\"tools\":[{\"type\":\"web_search\"}]}");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = new ObjectMapper().readTree(response.body()).path("error");
        assertThat(error.path("param").asText()).isEqualTo("tools[0].type");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");

        assertThat(post("{\"model\":\"gpt-4o\"}").statusCode()).isEqualTo(400);
        assertThat(post("{\"model\":\"no-such-model\",\"input\":\"hi\"}").statusCode()).isEqualTo(404);
        assertThat(harness.healthy.stats().requests()).isZero();
    }

    static HttpResponse<String> post(String body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(harness.baseUrl() + "/v1/responses"))
                    .header("authorization", "Bearer " + GatewayHarness.KEY).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
