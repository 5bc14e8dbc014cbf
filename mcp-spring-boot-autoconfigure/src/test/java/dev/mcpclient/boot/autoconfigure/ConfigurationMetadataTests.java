package dev.mcpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.boot.autoconfigure.ai.McpToolNamePrefix;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.TypeDescriptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metadata IDEs complete {@code mcp.client} from: generated, with descriptions and defaults; the
 * per-server properties ({@code mcp.client.servers.*.<property>}, which the annotation processor cannot
 * describe) added by hand and checked here against {@link McpServerProperties}; the allowed values
 * against the code; and every property against the reference tables of {@code docs/configuration.md}.
 */
class ConfigurationMetadataTests {

    private static final String SERVERS = "mcp.client.servers.*.";

    @Test
    void everyTopLevelPropertyIsDescribed() throws Exception {
        Map<String, JsonNode> properties = new HashMap<>();
        for (URL url : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                JsonNode metadata = JsonMapper.builder().build().readTree(in);
                metadata.path("properties").forEach(property -> {
                    String name = property.path("name").asString();
                    if (name.startsWith("mcp.") || name.startsWith("management.health.mcp.")) {
                        properties.put(name, property);
                    }
                });
            }
        }

        assertThat(properties).containsKeys("mcp.client.enabled", "mcp.client.request-timeout",
                "mcp.client.initialize-timeout", "mcp.client.client-name", "mcp.client.client-version",
                "mcp.client.servers", "management.health.mcp.timeout", "mcp.client.oauth.callback-path",
                "mcp.client.oauth.authorization-timeout");
        assertThat(properties.values()).allSatisfy(property -> assertThat(property.path("description").asString())
                .isNotBlank());
        // The default shown in IDEs is core's own default (declared for the IDE in additional metadata).
        assertThat(properties.get("mcp.client.request-timeout").path("defaultValue").asString()).isEqualTo("30s");
        assertThat(DurationStyle.detectAndParse("30s")).isEqualTo(McpClientBuilder.DEFAULT_REQUEST_TIMEOUT);
        assertThat(properties.get("mcp.client.servers").path("type").asString())
                .isEqualTo("java.util.Map<java.lang.String,dev.mcpclient.boot.autoconfigure.McpServerProperties>");
    }

    @Test
    void theReferenceTablesListEveryPropertyOfTheMetadataAndNoOther() throws IOException {
        Set<String> documented = documentedProperties();
        Set<String> described = new TreeSet<>(metadata("properties").keySet());

        assertThat(documented).hasSizeGreaterThan(50);
        assertThat(documented).as("docs/configuration.md (left) against the metadata (right)")
                .containsExactlyInAnyOrderElementsOf(described);
    }

    @Test
    void thePerServerPropertiesAreThoseOfMcpServerPropertiesWithTheirTypesAndDefaults() throws IOException {
        Map<String, JsonNode> described = metadata("properties");
        Map<String, TypeDescriptor> leaves = new LinkedHashMap<>();
        collect(McpServerProperties.class, "", leaves);
        BeanWrapperImpl defaults = new BeanWrapperImpl(new McpServerProperties());

        assertThat(described.keySet().stream().filter(name -> name.startsWith(SERVERS)))
                .containsExactlyInAnyOrderElementsOf(leaves.keySet().stream().map(path -> SERVERS + dashed(path)).toList());
        leaves.forEach((path, type) -> {
            JsonNode property = described.get(SERVERS + dashed(path));
            String name = property.path("name").asString();
            assertThat(property.path("type").asString()).as(name).isEqualTo(typeName(type.getResolvableType()));
            assertThat(property.path("description").asString()).as(name).isNotBlank();
            assertThat(property.path("sourceType").asString()).as(name).startsWith("dev.mcpclient.boot.autoconfigure.");
            Object actual = defaults.getPropertyValue(path);
            if (property.has("defaultValue")) {
                Object declared = ApplicationConversionService.getSharedInstance().convert(
                        property.path("defaultValue").asString(), TypeDescriptor.valueOf(String.class), type);
                assertThat(declared).as(name).isEqualTo(actual);
            } else {
                assertThat(actual).as(name + " has a default the metadata does not show")
                        .satisfiesAnyOf(value -> assertThat(value).isNull(),
                                value -> assertThat(value).isInstanceOfSatisfying(Collection.class,
                                        collection -> assertThat(collection).isEmpty()),
                                value -> assertThat(value).isInstanceOfSatisfying(Map.class,
                                        map -> assertThat(map).isEmpty()));
            }
        });
    }

    @Test
    void theHintsOfferTheValuesTheCodeAccepts() throws IOException {
        Map<String, JsonNode> hints = metadata("hints");

        assertThat(values(hints, SERVERS + "transport")).containsExactlyElementsOf(
                Arrays.stream(McpTransportType.values()).map(McpTransportType::propertyValue).toList());
        assertThat(values(hints, SERVERS + "protocol-version")).containsExactlyElementsOf(
                McpServerSettings.PROTOCOL_VERSIONS);
        assertThat(values(hints, SERVERS + "auth.grant-type")).containsExactlyElementsOf(
                Arrays.stream(McpServerAuthProperties.GrantType.values()).map(Enum::name).map(ConfigurationMetadataTests::dashedConstant).toList());
        assertThat(values(hints, "mcp.client.spring-ai.tool-name-prefix")).containsExactlyElementsOf(
                Arrays.stream(McpToolNamePrefix.values()).map(Enum::name).map(ConfigurationMetadataTests::dashedConstant).toList());
        assertThat(values(hints, SERVERS + "auth.private-key-algorithm")).contains("ES256", "RS256");
        assertThat(metadata("properties")).containsKeys(hints.keySet().toArray(String[]::new));
        hints.values().forEach(hint -> hint.path("values").forEach(value -> {
            if (!hint.path("name").asString().endsWith("private-key-algorithm")) {
                assertThat(value.path("description").asString()).as(hint.path("name").asString()).isNotBlank();
            }
        }));
    }

    /**
     * The properties of the tables under "Properties" in {@code docs/configuration.md}: one per row, in the
     * first cell; {@code ….x} is the table's heading followed by {@code .x}. A {@code <placeholder>} inside a
     * name is written {@code *}, as the metadata writes it; one at the end (a map's key) is dropped, leaving
     * the map property ({@code mcp.client.servers}, {@code mcp.client.servers.*.headers}).
     */
    private static Set<String> documentedProperties() throws IOException {
        Path file = Path.of("..", "docs", "configuration.md");
        assertThat(file).exists();
        String text = Files.readString(file);
        int start = text.indexOf("\n## Properties\n");
        int end = text.indexOf("\n## ", start + 1);
        assertThat(start).isPositive();
        Pattern heading = Pattern.compile("^### `([^`]+)`");
        Pattern row = Pattern.compile("^\\|([^|]*)\\|");
        Set<String> names = new TreeSet<>();
        String prefix = null;
        for (String line : text.substring(start, end).split("\n")) {
            Matcher h = heading.matcher(line);
            if (h.find()) {
                prefix = h.group(1);
            }
            Matcher r = row.matcher(line);
            if (!line.startsWith("| `") || !r.find()) {
                continue;
            }
            String cell = r.group(1).strip();
            assertThat(cell).as("one property per row: " + line).matches("`[^`]+`");
            String name = cell.substring(1, cell.length() - 1);
            if (name.startsWith("…")) {
                assertThat(prefix).as(line).isNotNull();
                name = prefix + name.substring(1);
            }
            names.add(name.replaceAll("\\.<[^>]+>$", "").replaceAll("<[^>]+>", "*"));
        }
        return names;
    }

    /** The {@code mcp.*} and {@code management.health.mcp.*} entries of a part of the metadata, by name. */
    private Map<String, JsonNode> metadata(String part) throws IOException {
        Map<String, JsonNode> entries = new HashMap<>();
        for (URL url : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                JsonMapper.builder().build().readTree(in).path(part).forEach(entry -> {
                    String name = entry.path("name").asString();
                    if (name.startsWith("mcp.") || name.startsWith("management.health.mcp.")) {
                        entries.put(name, entry);
                    }
                });
            }
        }
        return entries;
    }

    private static List<String> values(Map<String, JsonNode> hints, String name) {
        assertThat(hints).containsKey(name);
        List<String> values = new ArrayList<>();
        hints.get(name).path("values").forEach(value -> values.add(value.path("value").asString()));
        return values;
    }

    /** The bindable leaves under {@code type}, by property path, the groups of this package descended into. */
    private static void collect(Class<?> type, String prefix, Map<String, TypeDescriptor> leaves) {
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
            if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
                continue;
            }
            Class<?> propertyType = descriptor.getPropertyType();
            String path = prefix + descriptor.getName();
            if (propertyType.getName().startsWith(McpServerProperties.class.getPackageName() + ".")
                    && !propertyType.isEnum()) {
                collect(propertyType, path + ".", leaves);
            } else if (descriptor.getWriteMethod() != null) {
                leaves.put(path, new TypeDescriptor(
                        new org.springframework.core.MethodParameter(descriptor.getReadMethod(), -1)));
            }
        }
    }

    /** {@code auth.privateKeyLocation} as {@code auth.private-key-location}. */
    private static String dashed(String path) {
        return path.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    private static String dashedConstant(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A type as the metadata writes it: {@code java.util.Map<java.lang.String,java.lang.String>}. */
    private static String typeName(ResolvableType type) {
        Class<?> raw = org.springframework.util.ClassUtils.resolvePrimitiveIfNecessary(type.toClass());
        if (!type.hasGenerics()) {
            return raw.getName();
        }
        return raw.getName() + Arrays.stream(type.getGenerics()).map(ConfigurationMetadataTests::typeName)
                .collect(Collectors.joining(",", "<", ">"));
    }
}
