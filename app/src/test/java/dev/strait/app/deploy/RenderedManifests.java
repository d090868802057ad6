package dev.strait.app.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An overlay of deploy/k8s rendered by {@code kubectl kustomize} (Debian's kubectl, or any other
 * on the PATH) and every object loaded as its typed Kubernetes model.
 */
record RenderedManifests(String overlay, List<HasMetadata> objects) {

    /** Surefire runs in the module's directory. */
    static final Path K8S = Path.of("..", "deploy", "k8s");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** Debian's kubectl, installed by deploy/k8s/ensure-kubectl.sh when missing (as root). */
    private static String kubectl() throws IOException, InterruptedException {
        Process ensure = new ProcessBuilder("bash", K8S.resolve("ensure-kubectl.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String path = new String(ensure.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!ensure.waitFor(600, TimeUnit.SECONDS) || ensure.exitValue() != 0 || path.isEmpty()) {
            throw new AssertionError("kubectl is needed to render deploy/k8s and could not be installed "
                    + "(see deploy/k8s/ensure-kubectl.sh)");
        }
        return path.lines().reduce((a, b) -> b).orElseThrow();
    }

    static RenderedManifests render(String overlay) throws IOException, InterruptedException {
        String kubectl = System.getProperty("strait.kubectl", kubectl());
        Process process = new ProcessBuilder(kubectl, "kustomize", K8S.resolve("overlays").resolve(overlay).toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String yaml = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + overlay + " failed");
        }
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---$")) {
            if (!document.isBlank()) {
                objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return new RenderedManifests(overlay, List.copyOf(objects));
    }

    /**
     * Every field, at any depth, that the typed model did not recognise (fabric8 keeps them aside
     * as "additional properties" instead of failing): a misspelt or misplaced key in a manifest.
     */
    List<String> unknownFields() {
        List<String> unknown = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (object instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource) {
                unknown.add(object.getKind() + ": a kind with no typed model");
            }
            collectUnknown(object, object.getKind() + "/" + object.getMetadata().getName(), unknown);
        }
        return unknown;
    }

    private static void collectUnknown(Object node, String path, List<String> unknown) {
        if (node instanceof Iterable<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknown(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectUnknown(value, path + "." + key, unknown));
            return;
        }
        if (node == null || !node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (var method : node.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || !method.getName().startsWith("get") || method.getName().equals("getClass")) {
                continue;
            }
            try {
                Object value = method.invoke(node);
                if (method.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(path + ": " + extra.keySet());
                    }
                } else {
                    collectUnknown(value, path + "." + method.getName().substring(3), unknown);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError(overlay + ": expected one " + type.getSimpleName() + ", found " + found.size());
        }
        return found.get(0);
    }

    /** A generated ConfigMap by its base name: kustomize appends a hash of the content. */
    ConfigMap configMap(String name) {
        return all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)
                || c.getMetadata().getName().startsWith(name + "-")).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no ConfigMap " + name));
    }

    /**
     * The environment the container gets: literal values, ConfigMap keys resolved from the
     * rendered ConfigMaps, Secret keys as stand-ins of the right shape (the Secret is the operator's).
     */
    Map<String, String> environment(Container container) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (EnvVar variable : container.getEnv()) {
            String value;
            if (variable.getValue() != null) {
                value = variable.getValue();
            } else if (variable.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = variable.getValueFrom().getConfigMapKeyRef();
                ConfigMap map = all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(ref.getName()))
                        .findFirst().orElseThrow(() -> new AssertionError(overlay + ": " + variable.getName()
                                + " refers to ConfigMap " + ref.getName() + ", which is not rendered"));
                value = map.getData().get(ref.getKey());
                if (value == null) {
                    throw new AssertionError(overlay + ": ConfigMap " + ref.getName() + " has no key " + ref.getKey());
                }
            } else {
                String key = variable.getValueFrom().getSecretKeyRef().getKey();
                value = key.equals("redis-url") ? "redis://redis.example:6379" : "stand-in-for-the-secret-" + key;
            }
            variables.put(variable.getName(), value);
        }
        return variables;
    }
}
