package dev.strait.provenance.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {

    @TempDir
    Path dir;

    private final DatasetReader reader = new DatasetReader();

    @Test
    void readsTheTextFieldOfEachJsonLine() throws IOException {
        Path file = dir.resolve("d.jsonl");
        Files.writeString(file, """
                {"text": "first record", "label": 1}
                {"completion": "second record"}

                {"messages": [{"role": "user", "content": "a question"}, {"role": "assistant", "content": "third record"}]}
                {"messages": [{"role": "assistant", "content": [{"type": "text", "text": "fourth"}, {"type": "text", "text": "record"}]}]}
                {"choices": [{"message": {"role": "assistant", "content": "fifth record"}}]}
                "sixth record"
                {"id": 7}
                """);
        assertThat(reader.read(file)).containsExactly("first record", "second record", "third record", "fourth\n\nrecord",
                "fifth record", "sixth record");
    }

    @Test
    void namesTheLineThatIsNotJson() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"text\": \"ok\"}\n{not json\n");
        assertThatThrownBy(() -> reader.read(file)).hasMessageContaining("bad.jsonl:2");
    }

    @Test
    void readsTheTextColumnOfCsvWithQuotedCommasQuotesAndNewlines() throws IOException {
        Path file = dir.resolve("d.csv");
        Files.writeString(file, "id,Output,score\r\n1,\"one, with a comma\",0.5\r\n2,\"two \"\"quoted\"\"\nover lines\",1\n3,plain,2\n");
        assertThat(reader.read(file)).containsExactly("one, with a comma", "two \"quoted\"\nover lines", "plain");
    }

    @Test
    void refusesCsvWithoutATextColumn() throws IOException {
        Path file = dir.resolve("d.csv");
        Files.writeString(file, "id,score\n1,2\n");
        assertThatThrownBy(() -> reader.read(file)).hasMessageContaining("no text column");
    }

    @Test
    void readsPlainTextAsOneRecordPerParagraph() throws IOException {
        Path file = dir.resolve("d.txt");
        Files.writeString(file, "First paragraph\nwraps here.\n\n  \nSecond one.\r\n\r\nThird.\n");
        assertThat(reader.read(file)).containsExactly("First paragraph\nwraps here.", "Second one.", "Third.");
    }
}
