package dev.strait.app.config;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node that remembers where it stands, so that every complaint about a configuration
 * names the file, the line and the field. Reading a mapping's field marks it as known; whatever
 * is left unread is an unknown key, and an error.
 */
final class YamlNode {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String file;
    private final String path;
    private final Node node;
    private final Map<String, String> variables;
    private final Set<String> read = new java.util.HashSet<>();

    private YamlNode(String file, String path, Node node, Map<String, String> variables) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.variables = variables;
    }

    static YamlNode parse(String file, String text, Map<String, String> variables) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(file, line, "(syntax)", e.getProblem());
        } catch (RuntimeException e) {
            throw new ConfigException(file, 0, "(syntax)", String.valueOf(e.getMessage()));
        }
        if (root == null) {
            // An empty document is an empty mapping (found by ConfigParsingFuzzTest: a null flow style threw an NPE).
            root = new MappingNode(org.yaml.snakeyaml.nodes.Tag.MAP, List.of(), org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
        }
        YamlNode node = new YamlNode(file, "", root, variables);
        node.requireMapping();
        return node;
    }

    int line() {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    String path() {
        return path.isEmpty() ? "(root)" : path;
    }

    ConfigException error(String problem) {
        return new ConfigException(file, line(), path(), problem);
    }

    Optional<YamlNode> field(String key) {
        read.add(key);
        for (NodeTuple tuple : requireMapping().getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return Optional.of(new YamlNode(file, path.isEmpty() ? key : path + "." + key, tuple.getValueNode(),
                        variables));
            }
        }
        return Optional.empty();
    }

    YamlNode required(String key) {
        return field(key).orElseThrow(() -> error("missing required field '" + key + "'"));
    }

    String string(String key) {
        return required(key).text();
    }

    Optional<String> optionalString(String key) {
        return field(key).map(YamlNode::text);
    }

    int integer(String key, int fallback, int min, int max) {
        Optional<YamlNode> value = field(key);
        if (value.isEmpty()) {
            return fallback;
        }
        String text = value.get().text();
        try {
            int parsed = Integer.parseInt(text);
            if (parsed < min || parsed > max) {
                throw value.get().error("must be between " + min + " and " + max + ", not " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw value.get().error("must be a whole number, not '" + text + "'");
        }
    }

    /** Durations are written {@code 250ms}, {@code 5s}, {@code 2m} or {@code 1h}. */
    Duration duration(String key, Duration fallback) {
        Optional<YamlNode> value = field(key);
        if (value.isEmpty()) {
            return fallback;
        }
        String text = value.get().text();
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text);
        if (!m.matches()) {
            throw value.get().error("must be a duration such as 250ms, 5s, 2m or 1h, not '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    List<YamlNode> list(String key) {
        Optional<YamlNode> value = field(key);
        return value.isEmpty() ? List.of() : value.get().items();
    }

    /** This node's own items, when it is a list. */
    List<YamlNode> items() {
        if (!(node instanceof SequenceNode sequence)) {
            throw error("must be a list");
        }
        List<YamlNode> items = new ArrayList<>();
        List<Node> nodes = sequence.getValue();
        for (int i = 0; i < nodes.size(); i++) {
            items.add(new YamlNode(file, path + "[" + i + "]", nodes.get(i), variables));
        }
        return items;
    }

    /** A mapping of names to strings, such as the aliases. */
    Map<String, YamlNode> entries(String key) {
        Optional<YamlNode> value = field(key);
        return value.isEmpty() ? new LinkedHashMap<>() : value.get().ownEntries();
    }

    /** This mapping's own entries, every one of them counted as read. */
    Map<String, YamlNode> ownEntries() {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : requireMapping().getValue()) {
            String name = ((ScalarNode) tuple.getKeyNode()).getValue();
            read.add(name);
            entries.put(name, new YamlNode(file, path.isEmpty() ? name : path + "." + name, tuple.getValueNode(), variables));
        }
        return entries;
    }

    /** The scalar's text with {@code ${VARIABLE}} references resolved. */
    String text() {
        if (!(node instanceof ScalarNode scalar)) {
            throw error("must be a single value");
        }
        Matcher m = VARIABLE.matcher(scalar.getValue());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                throw error("refers to ${" + m.group(1) + "}, which is not set in the environment");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Whether the raw scalar is a variable reference, as a credential must be. */
    boolean isVariableReference() {
        return node instanceof ScalarNode scalar && VARIABLE.matcher(scalar.getValue()).matches();
    }

    /** Fails on the first key of this mapping that no reader asked for. */
    void rejectUnknownKeys() {
        for (NodeTuple tuple : requireMapping().getValue()) {
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            if (!read.contains(key)) {
                int line = tuple.getKeyNode().getStartMark().getLine() + 1;
                throw new ConfigException(file, line, path.isEmpty() ? key : path + "." + key,
                        "unknown field (known here: " + String.join(", ", new java.util.TreeSet<>(read)) + ")");
            }
        }
    }

    private MappingNode requireMapping() {
        if (!(node instanceof MappingNode mapping)) {
            throw error("must be a mapping of fields");
        }
        Set<String> seen = new java.util.HashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            int line = tuple.getKeyNode().getStartMark().getLine() + 1;
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new ConfigException(file, line, path(), "keys must be plain names");
            }
            if (!seen.add(key.getValue())) {
                throw new ConfigException(file, line, path.isEmpty() ? key.getValue() : path + "." + key.getValue(),
                        "is given twice");
            }
        }
        return mapping;
    }
}
