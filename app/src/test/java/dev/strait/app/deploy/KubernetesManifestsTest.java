package dev.strait.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.app.config.ConfigLoader;
import dev.strait.app.config.PolicyLoader;
import dev.strait.app.config.StraitConfig;
import dev.strait.core.deploy.Deployment;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** deploy/k8s, rendered by kubectl kustomize and loaded as typed objects; its strait.yaml run through the real loader. */
class KubernetesManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"single-node", "ha"})
    void everyOverlayRendersTheGatewayItsServicesAndItsConfigurationAsKnownKinds(String overlay) throws Exception {
        RenderedManifests rendered = RenderedManifests.render(overlay);

        assertThat(rendered.unknownFields()).as("fields the typed model does not know").isEmpty();
        assertThat(rendered.objects()).allSatisfy(object -> assertThat(object.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/name", "strait"));
        assertThat(rendered.all(Service.class)).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("strait", "strait-admin", "strait-pods");
        assertThat(rendered.one(ServiceAccount.class).getAutomountServiceAccountToken()).isFalse();
        assertThat(rendered.configMap("strait-config").getData()).containsKey("strait.yaml");
        assertThat(rendered.configMap("strait-endpoints").getData()).containsKeys("database-url", "database-user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-node", "ha"})
    void theGatewayRunsAsANonRootUserOnAReadOnlyRootWithItsProbesOnTheAdminPort(String overlay) throws Exception {
        RenderedManifests rendered = RenderedManifests.render(overlay);
        PodSpec pod = rendered.one(StatefulSet.class).getSpec().getTemplate().getSpec();
        Container gateway = pod.getContainers().get(0);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(imageUser());
        assertThat(gateway.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(gateway.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(gateway.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(gateway.getResources().getLimits()).containsKey("memory");
        assertThat(gateway.getResources().getRequests()).containsKeys("cpu", "memory");

        assertProbe(gateway.getLivenessProbe(), "/healthz");
        assertProbe(gateway.getReadinessProbe(), "/readyz");
        assertProbe(gateway.getStartupProbe(), "/healthz");
        assertThat(gateway.getLifecycle().getPreStop().getSleep().getSeconds()).isPositive();

        // Writable places are volumes: the data directory (per replica) and /tmp; the config is read-only.
        Map<String, VolumeMount> mounts = gateway.getVolumeMounts().stream()
                .collect(Collectors.toMap(VolumeMount::getMountPath, m -> m));
        assertThat(mounts).containsOnlyKeys("/etc/strait", "/var/lib/strait", "/tmp");
        assertThat(mounts.get("/etc/strait").getReadOnly()).isTrue();
        Volume config = pod.getVolumes().stream().filter(v -> v.getName().equals(mounts.get("/etc/strait").getName()))
                .findFirst().orElseThrow();
        assertThat(config.getConfigMap().getName()).isEqualTo(rendered.configMap("strait-config").getMetadata().getName());
        assertThat(rendered.one(StatefulSet.class).getSpec().getVolumeClaimTemplates())
                .extracting(c -> c.getMetadata().getName()).containsExactly(mounts.get("/var/lib/strait").getName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-node", "ha"})
    void theConfigMapsStraitYamlIsAcceptedByTheRealLoaderWithTheEnvironmentThePodGets(String overlay) throws Exception {
        RenderedManifests rendered = RenderedManifests.render(overlay);
        Container gateway = rendered.one(StatefulSet.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> environment = rendered.environment(gateway);

        StraitConfig config = new ConfigLoader(environment)
                .parse(overlay + ": strait.yaml", rendered.configMap("strait-config").getData().get("strait.yaml"));

        assertThat(config.settings().host()).isEqualTo("0.0.0.0");
        assertThat(config.settings().port()).isEqualTo(containerPort(gateway, "http"));
        assertThat(config.settings().adminPort()).isEqualTo(containerPort(gateway, "admin"));
        assertThat(config.settings().adminToken().isPresent()).isTrue();
        assertThat(config.keyPepper().isPresent()).as("replicas must share a pepper").isTrue();
        assertThat(config.database()).as("a cluster never runs the embedded PostgreSQL").isNotNull();
        assertThat(config.database().url()).isEqualTo(rendered.configMap("strait-endpoints").getData().get("database-url"));
        // The built-in market policy finds a deployment in every region it serves from.
        Set<String> regions = config.catalog().deployments().stream().map(Deployment::region).collect(Collectors.toSet());
        assertThat(new PolicyLoader(regions).loadDefault().markets()).isNotEmpty();
    }

    @Test
    void theSingleNodeOverlayRunsOneReplicaWithCountersInMemory() throws Exception {
        RenderedManifests rendered = RenderedManifests.render("single-node");
        assertThat(rendered.one(StatefulSet.class).getSpec().getReplicas()).isEqualTo(1);
        assertThat(rendered.all(PodDisruptionBudget.class)).isEmpty();
        assertThat(limits(rendered).redisUrl()).isNull();
    }

    @Test
    void theHaOverlayRunsThreeSpreadReplicasSharingRedisAndLosesAtMostOneToADrain() throws Exception {
        RenderedManifests rendered = RenderedManifests.render("ha");
        StatefulSet gateway = rendered.one(StatefulSet.class);
        Map<String, String> podLabels = gateway.getSpec().getTemplate().getMetadata().getLabels();

        assertThat(gateway.getSpec().getReplicas()).isEqualTo(3);
        PodDisruptionBudget budget = rendered.one(PodDisruptionBudget.class);
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(2);
        assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        var antiAffinity = gateway.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution().get(0).getPodAffinityTerm();
        assertThat(antiAffinity.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
        assertThat(podLabels).containsAllEntriesOf(antiAffinity.getLabelSelector().getMatchLabels());
        assertThat(limits(rendered).redisUrl()).startsWith("redis://");
        assertThat(limits(rendered).failOpen()).as("a Redis outage must not lift the limits").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-node", "ha"})
    void everyServiceSelectsTheGatewayPodsAndTargetsAPortTheyOpen(String overlay) throws Exception {
        RenderedManifests rendered = RenderedManifests.render(overlay);
        StatefulSet gateway = rendered.one(StatefulSet.class);
        Map<String, String> podLabels = gateway.getSpec().getTemplate().getMetadata().getLabels();
        Set<String> portNames = gateway.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                .map(ContainerPort::getName).collect(Collectors.toSet());

        assertThat(podLabels).containsAllEntriesOf(gateway.getSpec().getSelector().getMatchLabels());
        for (Service service : rendered.all(Service.class)) {
            assertThat(podLabels).as(service.getMetadata().getName()).containsAllEntriesOf(service.getSpec().getSelector());
            assertThat(service.getSpec().getPorts()).extracting(ServicePort::getTargetPort)
                    .allSatisfy(target -> assertThat(portNames).contains(target.getStrVal()));
        }
        assertThat(rendered.all(Service.class).stream().filter(s -> s.getMetadata().getName().equals("strait-pods"))
                .findFirst().orElseThrow().getMetadata().getName()).isEqualTo(gateway.getSpec().getServiceName());
    }

    private static StraitConfig.LimitsSettings limits(RenderedManifests rendered) {
        Container gateway = rendered.one(StatefulSet.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        ConfigMap config = rendered.configMap("strait-config");
        return new ConfigLoader(rendered.environment(gateway)).parse("strait.yaml", config.getData().get("strait.yaml")).limits();
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("admin");
    }

    private static int containerPort(Container container, String name) {
        return container.getPorts().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow().getContainerPort();
    }

    /** The user the image declares (app/pom.xml, profile image), which the manifests must run as. */
    static long imageUser() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        var matcher = java.util.regex.Pattern.compile("<user>(\\d+):(\\d+)</user>").matcher(pom);
        assertThat(matcher.find()).as("app/pom.xml declares the image's user").isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
