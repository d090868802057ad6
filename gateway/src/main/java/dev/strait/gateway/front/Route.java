package dev.strait.gateway.front;

/**
 * A matched request line.
 *
 * @param pathModel the model named by the path (Azure deployment, {@code /v1/models/{id}}), or null
 * @param template the route as a low-cardinality label for metrics and logs
 */
public record Route(Endpoint endpoint, Dialect dialect, String pathModel, String template) {}
