package dev.strait.app.cli;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/** The Vert.x instance of a command: native epoll when the platform has it, NIO otherwise. */
final class VertxRuntime {

    private VertxRuntime() {}

    static Vertx vertx() {
        return Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    }
}
