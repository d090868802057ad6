package dev.strait.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes the libraries' own logs (Vert.x and Netty log through java.util.logging) to JSON lines
 * on stderr, so that every line the process prints is machine-readable.
 */
final class JsonLogging {

    private JsonLogging() {}

    static void install() {
        Logger root = Logger.getLogger("");
        for (var handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.INFO);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                ObjectNode line = JsonNodeFactory.instance.objectNode()
                        .put("ts", Instant.ofEpochMilli(record.getMillis()).toString())
                        .put("level", record.getLevel().getName().toLowerCase(java.util.Locale.ROOT))
                        .put("logger", record.getLoggerName())
                        .put("msg", formatMessage(record));
                if (record.getThrown() != null) {
                    // The type and message only: traces belong in a debugger, not in shipped logs.
                    line.put("error", record.getThrown().toString());
                }
                return line + System.lineSeparator();
            }
        });
        root.addHandler(handler);
        root.setLevel(Level.INFO);
    }
}
