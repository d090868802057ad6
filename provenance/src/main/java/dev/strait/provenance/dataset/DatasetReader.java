package dev.strait.provenance.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the text records of a suspect dataset.
 *
 * <ul>
 *   <li><b>JSONL</b>: per line, the first string among the fields {@code text}, {@code content},
 *       {@code completion}, {@code output}, {@code response}, {@code answer}; else the assistant
 *       turns of OpenAI-style {@code messages} (string content or text parts, joined); else
 *       {@code choices[].message.content}; a line that is a JSON string is the record itself.
 *       Lines without text are skipped; a line that is not JSON is an error naming the line.
 *   <li><b>CSV</b>: the first column (by header) named like a JSONL field above, or the only
 *       column; quoted fields may hold commas, doubled quotes and newlines.
 *   <li><b>TEXT</b>: one record per paragraph, paragraphs separated by blank lines. A
 *       paragraph, not a line: completions wrap their sentences over lines, and a line is often
 *       too short to carry evidence; a file of one record per line without blank lines between
 *       them should be given as CSV or JSONL instead.
 * </ul>
 */
public final class DatasetReader {

    static final List<String> TEXT_FIELDS = List.of("text", "content", "completion", "output", "response", "answer");

    private final ObjectMapper json = new ObjectMapper();

    public List<String> read(Path file) throws IOException {
        return read(file, DatasetFormat.of(file));
    }

    public List<String> read(Path file, DatasetFormat format) throws IOException {
        return read(Files.readString(file, StandardCharsets.UTF_8), format, file);
    }

    /** A dataset already in memory (an upload); {@code source} names it in errors. */
    public List<String> read(String content, DatasetFormat format, Path source) throws IOException {
        Path file = source;
        return switch (format) {
            case JSONL -> jsonl(content, file);
            case CSV -> csv(content, file);
            case TEXT -> paragraphs(content);
        };
    }

    List<String> jsonl(String content, Path file) throws IOException {
        List<String> records = new ArrayList<>();
        String[] lines = content.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(lines[i]);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IOException(file + ":" + (i + 1) + ": not a JSON value: " + e.getOriginalMessage(), e);
            }
            String text = textOf(node);
            if (text != null && !text.isBlank()) {
                records.add(text);
            }
        }
        return records;
    }

    static String textOf(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        for (String field : TEXT_FIELDS) {
            JsonNode v = node.get(field);
            if (v != null && v.isTextual()) {
                return v.asText();
            }
        }
        JsonNode messages = node.get("messages");
        if (messages != null && messages.isArray()) {
            StringBuilder out = new StringBuilder();
            for (JsonNode m : messages) {
                if ("assistant".equals(m.path("role").asText())) {
                    appendContent(m.get("content"), out);
                }
            }
            if (!out.isEmpty()) {
                return out.toString();
            }
        }
        JsonNode choices = node.get("choices");
        if (choices != null && choices.isArray()) {
            StringBuilder out = new StringBuilder();
            for (JsonNode c : choices) {
                appendContent(c.path("message").get("content"), out);
                appendContent(c.get("text"), out);
            }
            return out.isEmpty() ? null : out.toString();
        }
        return null;
    }

    private static void appendContent(JsonNode content, StringBuilder out) {
        if (content == null) {
            return;
        }
        if (content.isTextual()) {
            out.append(out.isEmpty() ? "" : "\n\n").append(content.asText());
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                if (part.path("text").isTextual()) {
                    out.append(out.isEmpty() ? "" : "\n\n").append(part.get("text").asText());
                }
            }
        }
    }

    List<String> csv(String content, Path file) throws IOException {
        List<List<String>> rows = Csv.parse(content);
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> header = rows.get(0);
        int column = -1;
        for (String field : TEXT_FIELDS) {
            for (int c = 0; c < header.size() && column < 0; c++) {
                if (header.get(c).strip().toLowerCase(Locale.ROOT).equals(field)) {
                    column = c;
                }
            }
        }
        if (column < 0 && header.size() == 1) {
            column = 0;
        }
        if (column < 0) {
            throw new IOException(file + ": no text column; expected one of " + TEXT_FIELDS + ", found " + header);
        }
        List<String> records = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            if (column < row.size() && !row.get(column).isBlank()) {
                records.add(row.get(column));
            }
        }
        return records;
    }

    static List<String> paragraphs(String content) {
        List<String> records = new ArrayList<>();
        for (String paragraph : content.split("\\R\\s*\\R")) {
            if (!paragraph.isBlank()) {
                records.add(paragraph.strip());
            }
        }
        return records;
    }
}
