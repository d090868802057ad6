package dev.strait.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An image tarball in the docker-save layout (manifest.json, the configuration, gzipped layers),
 * read the way {@code docker load} reads it: manifest → configuration and layers, layers applied
 * in order.
 */
record ImageTarball(Path layout, JsonNode manifest, JsonNode config) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ImageTarball open(Path tarball, Path into) throws IOException, InterruptedException {
        Files.createDirectories(into);
        tar(List.of("tar", "-xf", tarball.toString(), "-C", into.toString()));
        JsonNode manifest = JSON.readTree(into.resolve("manifest.json").toFile()).get(0);
        JsonNode config = JSON.readTree(into.resolve(manifest.get("Config").asText()).toFile());
        return new ImageTarball(into, manifest, config);
    }

    List<String> tags() {
        return ContainerImageIT.strings(manifest.get("RepoTags"));
    }

    /** Applies every layer in order; the image has no deletions (whiteouts), being built from scratch. */
    Path unpackLayers(Path rootfs) throws IOException, InterruptedException {
        Files.createDirectories(rootfs);
        for (JsonNode layer : manifest.get("Layers")) {
            // Jib's tar headers carry a libarchive time keyword GNU tar does not know; it is harmless.
            tar(List.of("tar", "--warning=no-unknown-keyword", "-xzf", layout.resolve(layer.asText()).toString(),
                    "-C", rootfs.toString()));
        }
        return rootfs;
    }

    private static void tar(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
