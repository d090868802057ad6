package dev.strait.emulator;

import io.vertx.core.Vertx;
import java.time.Clock;

/** What every handler needs, built once per emulator; time and ids are injected, never global. */
record Services(Vertx vertx, Tokens tokens, TextGenerator text, Ids ids, Clock clock, EmulatorStats stats) {

    long epochSeconds() {
        return clock.instant().getEpochSecond();
    }
}
