package dev.strait.app.config;

import dev.strait.core.access.KeySecrets;
import dev.strait.core.access.OrgKind;
import dev.strait.core.policy.Market;
import dev.strait.core.policy.Policy;
import dev.strait.core.policy.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads market policy from YAML, checks it whole, and records where each rule stands so that a
 * decision can name the line that made it.
 */
public final class PolicyLoader {

    public static final String DEFAULT_RESOURCE = "/strait-policy-default.yaml";

    /** Checked against the policy: a market may only be served from regions that exist. */
    private final Set<String> knownRegions;

    public PolicyLoader(Set<String> knownRegions) {
        this.knownRegions = Set.copyOf(knownRegions);
    }

    public Policy load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, "(file)", "cannot be read: " + e.getMessage());
        }
    }

    public Policy loadDefault() {
        try (InputStream in = PolicyLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return parse("strait-policy-default.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("the built-in policy is missing", e);
        }
    }

    public Policy parse(String file, String text) {
        YamlNode root = YamlNode.parse(file, text, Map.of());
        Map<String, String> where = new HashMap<>();
        YamlNode customers = root.required("customers");
        Set<OrgKind> kinds = new LinkedHashSet<>();
        YamlNode kindsNode = customers.required("kinds");
        where.put("customers.kinds", at(file, kindsNode));
        for (YamlNode kind : customers.list("kinds")) {
            try {
                kinds.add(OrgKind.of(kind.text()));
            } catch (IllegalArgumentException e) {
                throw kind.error("unknown kind '" + kind.text() + "'; one of: enterprise, individual");
            }
        }
        customers.rejectUnknownKeys();

        Map<String, List<String>> vendors = new LinkedHashMap<>();
        YamlNode vendorsNode = root.required("vendors");
        where.put("vendors", at(file, vendorsNode));
        for (Map.Entry<String, YamlNode> vendor : root.entries("vendors").entrySet()) {
            vendors.put(vendor.getKey(), strings(vendor.getValue()));
        }

        Map<String, Market> markets = new LinkedHashMap<>();
        YamlNode marketsNode = root.required("markets");
        where.put("markets", at(file, marketsNode));
        for (Map.Entry<String, YamlNode> entry : root.entries("markets").entrySet()) {
            markets.put(entry.getKey(), market(file, entry.getKey(), entry.getValue(), vendors.keySet()));
        }
        if (markets.isEmpty()) {
            throw marketsNode.error("at least one market is required");
        }
        root.rejectUnknownKeys();
        return new Policy(file, KeySecrets.sha256(text), markets, vendors, kinds, where);
    }

    private Market market(String file, String code, YamlNode node, Set<String> vendorNames) {
        Map<String, String> where = new HashMap<>();
        String name = node.optionalString("name").orElse(code);
        Set<String> vendors = new LinkedHashSet<>(listField(file, node, "vendors", where));
        for (String vendor : vendors) {
            if (!vendorNames.contains(vendor)) {
                throw node.required("vendors").error("no vendor named '" + vendor + "' (declared: "
                        + String.join(", ", vendorNames) + ")");
            }
        }
        Set<String> allow = new LinkedHashSet<>(listField(file, node, "allow_models", where));
        Set<String> deny = new LinkedHashSet<>(listField(file, node, "deny_models", where));
        List<String> regions = listField(file, node, "serve_from", where);
        if (regions.isEmpty()) {
            throw node.error("serve_from must name at least one region");
        }
        for (String region : regions) {
            if (!knownRegions.isEmpty() && !knownRegions.contains(region)) {
                throw node.required("serve_from").error("no deployment is in region '" + region + "' (regions: "
                        + String.join(", ", new java.util.TreeSet<>(knownRegions)) + ")");
            }
        }
        YamlNode storageNode = node.required("storage");
        String level = storageNode.string("content");
        Storage.Level storageLevel;
        try {
            storageLevel = Storage.Level.valueOf(level.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw storageNode.required("content").error("must be one of nothing, metadata, full; not '" + level + "'");
        }
        Storage storage = new Storage(storageLevel, storageNode.integer("retention_days", 30, 0, 3650));
        storageNode.rejectUnknownKeys();
        where.put("storage", at(file, storageNode));
        YamlNode monitoring = node.field("monitoring").orElse(null);
        String tier = "standard";
        if (monitoring != null) {
            tier = monitoring.string("tier");
            if (!Set.of("standard", "elevated", "strict").contains(tier)) {
                throw monitoring.required("tier").error("must be one of standard, elevated, strict; not '" + tier + "'");
            }
            monitoring.rejectUnknownKeys();
        }
        node.rejectUnknownKeys();
        return new Market(code, name, vendors, allow, deny, regions, storage, tier, where);
    }

    private static List<String> listField(String file, YamlNode market, String field, Map<String, String> where) {
        var node = market.field(field);
        if (node.isEmpty()) {
            return List.of();
        }
        where.put(field, at(file, node.get()));
        return strings(node.get());
    }

    private static List<String> strings(YamlNode node) {
        List<String> values = new ArrayList<>();
        for (YamlNode item : node.items()) {
            values.add(item.text());
        }
        return values;
    }

    private static String at(String file, YamlNode node) {
        return file + ":" + node.line() + " " + node.path();
    }
}
