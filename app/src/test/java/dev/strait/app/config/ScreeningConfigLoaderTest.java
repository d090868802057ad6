package dev.strait.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration's screening section: the lists directory and the decision thresholds. */
class ScreeningConfigLoaderTest {

    final ConfigLoader loader = new ConfigLoader(ConfigLoaderTest.ENV);

    @Test
    void withoutAScreeningSectionNoListsAreConfigured() {
        StraitConfig config = loader.parse("strait.yaml", ConfigLoaderTest.VALID);
        assertThat(config.screening().lists()).isNull();
        assertThat(config.screening().thresholds().blockAt()).isEqualTo(0.92);
    }

    @Test
    void readsTheListsDirectoryRelativeToTheFileAndTheThresholds(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("strait.yaml");
        Files.writeString(file, ConfigLoaderTest.VALID + """
                screening:
                  lists: screening-lists
                  block_at: 0.95
                  review_at: 0.75
                  max_hits: 5
                """);
        StraitConfig config = loader.load(file);
        assertThat(config.screening().lists()).isEqualTo(dir.resolve("screening-lists"));
        assertThat(config.screening().thresholds().blockAt()).isEqualTo(0.95);
        assertThat(config.screening().thresholds().reviewAt()).isEqualTo(0.75);
        assertThat(config.screening().thresholds().maxHits()).isEqualTo(5);
    }

    @Test
    void rejectsThresholdsOutOfOrderAndUnknownKeys() {
        assertThatThrownBy(() -> loader.parse("strait.yaml", ConfigLoaderTest.VALID + """
                screening:
                  block_at: 0.7
                  review_at: 0.8
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("review_at").hasMessageContaining("must not exceed block_at");
        assertThatThrownBy(() -> loader.parse("strait.yaml", ConfigLoaderTest.VALID + """
                screening:
                  block_at: high
                """)).hasMessageContaining("block_at").hasMessageContaining("must be a number between 0 and 1");
        assertThatThrownBy(() -> loader.parse("strait.yaml", ConfigLoaderTest.VALID + """
                screening:
                  list: somewhere
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("list");
    }
}
