package dev.strait.app.config;

import dev.strait.core.usage.Price;
import dev.strait.core.usage.PriceBook;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads a price book from YAML; prices are parsed as exact decimals, never as doubles. */
public final class PriceLoader {

    public static final String DEFAULT_RESOURCE = "/strait-prices-default.yaml";

    public PriceBook load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, "(file)", "cannot be read: " + e.getMessage());
        }
    }

    public PriceBook loadDefault() {
        try (InputStream in = PriceLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return parse("strait-prices-default.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("the built-in price book is missing", e);
        }
    }

    public PriceBook parse(String file, String text) {
        YamlNode root = YamlNode.parse(file, text, Map.of());
        String version = root.string("version");
        String currency = root.string("currency");
        Map<String, Map<String, Price>> prices = new HashMap<>();
        for (Map.Entry<String, YamlNode> model : root.entries("models").entrySet()) {
            prices.computeIfAbsent(model.getKey(), m -> new HashMap<>())
                    .put(PriceBook.ANY_MARKET, price(model.getValue(), currency));
        }
        for (Map.Entry<String, YamlNode> market : root.entries("markets").entrySet()) {
            String marketCurrency = market.getValue().optionalString("currency").orElse(currency);
            for (Map.Entry<String, YamlNode> model : market.getValue().ownEntries().entrySet()) {
                if (model.getKey().equals("currency")) {
                    continue;
                }
                if (!prices.containsKey(model.getKey())) {
                    throw model.getValue().error("no general price for model '" + model.getKey() + "' under models");
                }
                prices.get(model.getKey()).put(market.getKey(), price(model.getValue(), marketCurrency));
            }
        }
        BigDecimal batchFactor = root.optionalString("batch_factor").isPresent()
                ? decimal(root, "batch_factor") : PriceBook.DEFAULT_BATCH_FACTOR;
        root.rejectUnknownKeys();
        return new PriceBook(version, prices, batchFactor);
    }

    private static Price price(YamlNode node, String currency) {
        Price price = new Price(decimal(node, "input"), decimal(node, "cached_input"), decimal(node, "output"), currency);
        node.rejectUnknownKeys();
        return price;
    }

    private static BigDecimal decimal(YamlNode node, String field) {
        YamlNode value = node.required(field);
        try {
            BigDecimal parsed = new BigDecimal(value.text());
            if (parsed.signum() < 0) {
                throw value.error("a price cannot be negative");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw value.error("must be a decimal number, not '" + value.text() + "'");
        }
    }
}
