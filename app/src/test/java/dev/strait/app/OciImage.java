package dev.strait.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An OCI image layout tarball (index.json, blobs/sha256/…), read the way a container runtime
 * reads it: index → manifest → configuration and layers, layers applied in order.
 */
record OciImage(Path layout, JsonNode manifest, JsonNode config) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static OciImage open(Path tarball, Path into) throws IOException, InterruptedException {
        Files.createDirectories(into);
        tar(List.of("tar", "-xf", tarball.toString(), "-C", into.toString()));
        JsonNode index = JSON.readTree(into.resolve("index.json").toFile());
        JsonNode manifest = JSON.readTree(blob(into, index.get("manifests").get(0).get("digest").asText()).toFile());
        JsonNode config = JSON.readTree(blob(into, manifest.get("config").get("digest").asText()).toFile());
        return new OciImage(into, manifest, config);
    }

    /** Applies every layer in order; the image has no deletions (whiteouts), being built from scratch. */
    Path unpackLayers(Path rootfs) throws IOException, InterruptedException {
        Files.createDirectories(rootfs);
        for (JsonNode layer : manifest.get("layers")) {
            if (!layer.get("mediaType").asText().endsWith("tar+gzip")) {
                throw new IllegalStateException("unexpected layer type " + layer.get("mediaType"));
            }
            // Jib's tar headers carry a libarchive time keyword GNU tar does not know; it is harmless.
            tar(List.of("tar", "--warning=no-unknown-keyword", "-xzf",
                    blob(layout, layer.get("digest").asText()).toString(), "-C", rootfs.toString()));
        }
        return rootfs;
    }

    private static Path blob(Path layout, String digest) {
        String[] parts = digest.split(":", 2);
        return layout.resolve("blobs").resolve(parts[0]).resolve(parts[1]);
    }

    private static void tar(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
