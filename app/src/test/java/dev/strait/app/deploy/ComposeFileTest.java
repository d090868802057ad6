package dev.strait.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.app.config.ConfigLoader;
import dev.strait.app.config.StraitConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** deploy/docker-compose.yaml: the gateway's configuration loads with the environment compose gives it. */
class ComposeFileTest {

    private static final Path DEPLOY = Path.of("..", "deploy");

    @Test
    @SuppressWarnings("unchecked")
    void theGatewayServiceReachesPostgresAndRedisByNameAndItsConfigurationLoads() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.resolve("docker-compose.yaml")));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).containsOnlyKeys("postgres", "redis", "strait");
        Map<String, Object> strait = (Map<String, Object>) services.get("strait");

        assertThat(strait.get("user")).isEqualTo(KubernetesManifestsTest.imageUser() + ":" + KubernetesManifestsTest.imageUser());
        assertThat(strait.get("read_only")).isEqualTo(true);
        String configMount = ((List<String>) strait.get("volumes")).stream()
                .filter(v -> v.contains(":/etc/strait/strait.yaml")).findFirst().orElseThrow();
        Path configFile = DEPLOY.resolve(configMount.substring(0, configMount.indexOf(':')));

        // ${NAME:?message} is the operator's to set; anything else is what compose passes as written.
        Map<String, String> environment = new LinkedHashMap<>();
        ((Map<String, Object>) strait.get("environment")).forEach((name, value) -> environment.put(name,
                value.toString().startsWith("${") ? "stand-in-for-the-secret-" + name : value.toString()));
        StraitConfig config = new ConfigLoader(environment).load(configFile);

        assertThat(config.settings().port()).isEqualTo(8080);
        assertThat(config.settings().adminPort()).isEqualTo(8081);
        assertThat(URI.create(config.database().url().substring("jdbc:".length())).getHost()).isIn(services.keySet());
        assertThat(URI.create(config.limits().redisUrl()).getHost()).isIn(services.keySet());
    }
}
