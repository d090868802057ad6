package dev.strait.gateway;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The PEM certificate chain and private key a listener serves over TLS. Both files are checked to be
 * readable when the configuration is loaded, so a typo stops the start, not the first handshake.
 */
public record ListenerTls(Path cert, Path key) {

    public ListenerTls {
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(key, "key");
    }

    /** Whether both files can be read now: the loader names the one that cannot. */
    public static boolean readable(Path file) {
        return Files.isRegularFile(file) && Files.isReadable(file);
    }

    /** Turns TLS on for a listener: TLS 1.2 and 1.3 only, the JDK's engine, ALPN for HTTP/2 and HTTP/1.1. */
    HttpServerOptions applyTo(HttpServerOptions options) {
        return options.setSsl(true).setUseAlpn(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString()));
    }

    static HttpServerOptions apply(ListenerTls tls, HttpServerOptions options) {
        return tls == null ? options : tls.applyTo(options);
    }
}
