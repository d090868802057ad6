package dev.strait.gateway.front;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.error.Failure;
import dev.strait.gateway.Gateway;
import dev.strait.gateway.GatewaySettings;
import java.io.IOException;

/** What the front does with a request body before any stage sees it, for fuzz tests in other packages. */
public final class RequestChecksProbe {

    private static final ObjectMapper MAPPER = Gateway.requestMapper(GatewaySettings.defaults().maxJsonDepth());

    private RequestChecksProbe() {}

    /** The body as the gateway would pass it on, or null when the front would refuse it with a 4xx. */
    public static ObjectNode accepted(Endpoint endpoint, byte[] body) {
        ObjectNode object = parsedObject(body);
        if (object == null) {
            return null;
        }
        Failure refused = RequestChecks.check(endpoint, object);
        return refused == null ? object : null;
    }

    /** The body as a JSON object, or null when it is not one (the front answers 400 invalid_json). */
    public static ObjectNode parsedObject(byte[] body) {
        JsonNode parsed;
        try {
            parsed = MAPPER.readTree(body);
        } catch (JacksonException e) {
            return null;
        } catch (IOException e) {
            // Found by fuzzing: bytes Jackson takes for UTF-32 fail as CharConversionException, an
            // IOException that is not a JacksonException. The front answers it 400 invalid_json too.
            return null;
        }
        return parsed instanceof ObjectNode object ? object : null;
    }

    /** The front's verdict on a body: null when accepted, else the failure it answers with. */
    public static Failure verdict(Endpoint endpoint, ObjectNode body) {
        return RequestChecks.check(endpoint, body);
    }
}
