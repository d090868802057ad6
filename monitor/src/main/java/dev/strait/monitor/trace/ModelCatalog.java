package dev.strait.monitor.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Model release dates ({@code models.json}: {@code [{"id": …, "released": "YYYY-MM-DD"}]}). */
public record ModelCatalog(Map<String, LocalDate> released) {

    public static final ModelCatalog EMPTY = new ModelCatalog(Map.of());

    public ModelCatalog {
        released = Map.copyOf(released);
    }

    public Optional<LocalDate> releasedOn(String model) {
        return Optional.ofNullable(released.get(model));
    }

    /** This catalog with {@code other}'s dates added; {@code other} wins where both know a model. */
    public ModelCatalog with(ModelCatalog other) {
        Map<String, LocalDate> all = new HashMap<>(released);
        all.putAll(other.released);
        return new ModelCatalog(all);
    }

    public static ModelCatalog read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException(file + ": expected a JSON array of models");
        }
        Map<String, LocalDate> out = new HashMap<>();
        int i = 0;
        for (JsonNode m : root) {
            i++;
            String id = m.path("id").asText("");
            String rel = m.path("released").asText("");
            if (id.isEmpty() || rel.isEmpty()) {
                continue;
            }
            try {
                out.put(id, LocalDate.parse(rel));
            } catch (DateTimeParseException e) {
                throw new IOException(file + ": model #" + i + " (" + id + "): bad \"released\" '" + rel + "'");
            }
        }
        return new ModelCatalog(out);
    }
}
