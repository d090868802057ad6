package dev.strait.app.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's built bundle, served from the classpath under {@code /console/}. Files under
 * {@code assets/} carry a content hash in their names and are cached for a year; {@code index.html}
 * is revalidated every time, so a new build is picked up at once. A path that is not a file is a
 * page of the single-page app and gets {@code index.html}. The policy headers allow nothing from
 * another origin: the bundle has everything it needs.
 */
public final class ConsoleAssets {

    private static final String ROOT = "/console/";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"), Map.entry("json", "application/json"),
            Map.entry("woff2", "font/woff2"), Map.entry("txt", "text/plain; charset=utf-8"));
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " frame-ancestors 'none'; form-action 'self'";

    private final ClassLoader loader;
    /** Read once each: the bundle in the jar never changes while the node runs. Misses are not kept. */
    private final Map<String, Buffer> files = new ConcurrentHashMap<>();

    public ConsoleAssets(ClassLoader loader) {
        this.loader = loader;
    }

    /** Whether the bundle is in this build (a jar built without the console module has none). */
    public boolean present() {
        return file("index.html").isPresent();
    }

    public void handle(HttpServerRequest request) {
        var response = request.response();
        response.putHeader("x-content-type-options", "nosniff").putHeader("referrer-policy", "no-referrer")
                .putHeader("x-frame-options", "DENY").putHeader("content-security-policy", CSP);
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            response.setStatusCode(405).putHeader("allow", "GET, HEAD").end();
            return;
        }
        String path = request.path();
        if (!path.startsWith(ROOT)) {
            response.setStatusCode(302).putHeader("location", ROOT).end();
            return;
        }
        String name = path.substring(ROOT.length());
        if (name.contains("..") || name.contains("//") || name.contains("\\")) {
            response.setStatusCode(400).end();
            return;
        }
        Optional<Buffer> file = name.isEmpty() || name.endsWith("/") ? Optional.empty() : file(name);
        if (file.isEmpty() && (name.startsWith("assets/") || name.matches(".*\\.[a-z0-9]{1,5}"))) {
            response.setStatusCode(404).putHeader("content-type", "text/plain; charset=utf-8").end("not found");
            return;
        }
        if (file.isEmpty()) {
            name = "index.html";
            file = file(name);
            if (file.isEmpty()) {
                response.setStatusCode(404).putHeader("content-type", "text/plain; charset=utf-8")
                        .end("this build has no console bundle (build with the console module)");
                return;
            }
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        response.putHeader("content-type", TYPES.getOrDefault(extension, "application/octet-stream"))
                .putHeader("cache-control", name.startsWith("assets/") ? "public, max-age=31536000, immutable"
                        : "no-cache");
        if (request.method() == HttpMethod.HEAD) {
            response.putHeader("content-length", Integer.toString(file.get().length())).end();
        } else {
            response.end(file.get());
        }
    }

    private Optional<Buffer> file(String name) {
        Buffer cached = files.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = loader.getResourceAsStream("console/" + name)) {
            if (in == null) {
                return Optional.empty();
            }
            Buffer read = Buffer.buffer(in.readAllBytes());
            files.put(name, read);
            return Optional.of(read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
