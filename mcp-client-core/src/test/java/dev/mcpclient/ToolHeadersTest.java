package dev.mcpclient;

import static dev.mcpclient.support.Messages.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.ToolHeaders.Declaration;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.Tool;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code x-mcp-header} annotations (2026-07-28): which are valid, and the values a call mirrors. */
class ToolHeadersTest {

    /** The annotated tool of the conformance suite's http-custom-headers scenario. */
    private static final String CUSTOM_HEADERS_SCHEMA = """
            {"type":"object","properties":{
              "region":{"type":"string","x-mcp-header":"Region"},
              "priority":{"type":"integer","x-mcp-header":"Priority"},
              "verbose":{"type":"boolean","x-mcp-header":"Verbose"},
              "debug":{"type":"boolean","x-mcp-header":"Debug"},
              "empty_val":{"type":"string","x-mcp-header":"EmptyVal"},
              "method_val":{"type":"string","x-mcp-header":"Method"},
              "float_val":{"type":"number"},
              "non_ascii_val":{"type":"string","x-mcp-header":"NonAscii"},
              "whitespace_val":{"type":"string","x-mcp-header":"Whitespace"},
              "leading_space_val":{"type":"string","x-mcp-header":"LeadingSpace"},
              "trailing_space_val":{"type":"string","x-mcp-header":"TrailingSpace"},
              "internal_space_val":{"type":"string","x-mcp-header":"InternalSpace"},
              "control_char_val":{"type":"string","x-mcp-header":"ControlChar"},
              "crlf_val":{"type":"string","x-mcp-header":"CrLf"},
              "tab_val":{"type":"string","x-mcp-header":"Tab"},
              "query":{"type":"string"}},
             "required":["region","priority","query"]}""";

    /** The tools/list of the conformance suite's http-invalid-tool-headers scenario. */
    private static final String INVALID_TOOLS = """
            [{"name":"valid_tool","inputSchema":{"type":"object",
                "properties":{"region":{"type":"string","x-mcp-header":"Region"}},"required":["region"]}},
             {"name":"invalid_empty_header","inputSchema":{"type":"object",
                "properties":{"value":{"type":"string","x-mcp-header":""}}}},
             {"name":"invalid_object_header","inputSchema":{"type":"object",
                "properties":{"data":{"type":"object","x-mcp-header":"Data"}}}},
             {"name":"invalid_array_header","inputSchema":{"type":"object",
                "properties":{"items":{"type":"array","items":{"type":"string"},"x-mcp-header":"Items"}}}},
             {"name":"invalid_null_header","inputSchema":{"type":"object",
                "properties":{"nil":{"type":"null","x-mcp-header":"Nil"}}}},
             {"name":"invalid_duplicate_same_case","inputSchema":{"type":"object","properties":{
                "field1":{"type":"string","x-mcp-header":"Region"},"field2":{"type":"string","x-mcp-header":"Region"}}}},
             {"name":"invalid_duplicate_diff_case","inputSchema":{"type":"object","properties":{
                "field1":{"type":"string","x-mcp-header":"MyField"},"field2":{"type":"string","x-mcp-header":"myfield"}}}},
             {"name":"invalid_space_in_name","inputSchema":{"type":"object",
                "properties":{"value":{"type":"string","x-mcp-header":"My Region"}}}},
             {"name":"invalid_colon_in_name","inputSchema":{"type":"object",
                "properties":{"value":{"type":"string","x-mcp-header":"Region:Primary"}}}},
             {"name":"invalid_non_ascii_name","inputSchema":{"type":"object",
                "properties":{"value":{"type":"string","x-mcp-header":"Région"}}}},
             {"name":"invalid_control_char_name","inputSchema":{"type":"object",
                "properties":{"value":{"type":"string","x-mcp-header":"Region\\t1"}}}}]""";

    private static ToolHeaders of(String schema) {
        return ToolHeaders.of(json(schema));
    }

    /** A schema with one property {@code p} whose schema is {@code property}. */
    private static ToolHeaders withProperty(String property) {
        return of("{\"type\":\"object\",\"properties\":{\"p\":" + property + "}}");
    }

    private static List<Tool> tools(String json) {
        List<Tool> tools = new ArrayList<>();
        for (JsonNode tool : json(json)) {
            tools.add(new Tool(tool.get("name").asString(), null, tool.get("inputSchema")));
        }
        return List.copyOf(tools);
    }

    private static Tool tool(String name, String schema) {
        return new Tool(name, null, json(schema));
    }

    // ---- what is declared

    @Test
    void theSpecificationExample() {
        ToolHeaders headers = of("""
                {"type":"object","properties":{
                  "region":{"type":"string","description":"The region","x-mcp-header":"Region"},
                  "query":{"type":"string","description":"The SQL query to execute"}},
                 "required":["region","query"]}""");

        assertThat(headers.valid()).isTrue();
        assertThat(headers.invalidReason()).isNull();
        assertThat(headers.declarations()).containsExactly(new Declaration("Region", List.of("region")));
        assertThat(headers.values(json("{\"region\":\"us-west1\",\"query\":\"SELECT * FROM users\"}")))
                .containsExactly(Map.entry("Region", "us-west1"));
    }

    @Test
    void theConformanceToolDeclaresEveryAnnotatedParameterInSchemaOrder() {
        ToolHeaders headers = of(CUSTOM_HEADERS_SCHEMA);

        assertThat(headers.valid()).isTrue();
        assertThat(headers.declarations()).extracting(Declaration::name).containsExactly("Region", "Priority",
                "Verbose", "Debug", "EmptyVal", "Method", "NonAscii", "Whitespace", "LeadingSpace", "TrailingSpace",
                "InternalSpace", "ControlChar", "CrLf", "Tab");
    }

    @Test
    void nestedPropertiesChainsAreReachable() {
        ToolHeaders headers = of("""
                {"type":"object","properties":{
                  "target":{"type":"object","properties":{
                    "region":{"type":"string","x-mcp-header":"Region"},
                    "placement":{"type":"object","properties":{
                      "zone":{"type":"integer","x-mcp-header":"Zone"}}}}},
                  "dryRun":{"type":"boolean","x-mcp-header":"Dry-Run"}}}""");

        assertThat(headers.valid()).isTrue();
        assertThat(headers.declarations()).containsExactly(
                new Declaration("Region", List.of("target", "region")),
                new Declaration("Zone", List.of("target", "placement", "zone")),
                new Declaration("Dry-Run", List.of("dryRun")));
    }

    @Test
    void theChainNeedsNoTypeObjectOnTheWay() {
        ToolHeaders headers = of("""
                {"properties":{"a":{"properties":{"b":{"type":"string","x-mcp-header":"B"}}}}}""");

        assertThat(headers.declarations()).containsExactly(new Declaration("B", List.of("a", "b")));
    }

    @Test
    void propertiesNamedLikeKeywordsAreNames() {
        ToolHeaders headers = of("""
                {"type":"object","properties":{
                  "x-mcp-header":{"type":"string"},
                  "items":{"type":"string","x-mcp-header":"Items"},
                  "properties":{"type":"object","properties":{
                    "oneOf":{"type":"boolean","x-mcp-header":"One-Of"}}},
                  "default":{"type":"integer","x-mcp-header":"Default"}}}""");

        assertThat(headers.valid()).isTrue();
        assertThat(headers.declarations()).containsExactly(
                new Declaration("Items", List.of("items")),
                new Declaration("One-Of", List.of("properties", "oneOf")),
                new Declaration("Default", List.of("default")));
    }

    @Test
    void aPropertyNamedXMcpHeaderIsNoAnnotation() {
        assertThat(of("""
                {"type":"object","properties":{"x-mcp-header":{"type":"object"}}}""")).isSameAs(ToolHeaders.NONE);
        assertThat(of("""
                {"type":"object","properties":{"x-mcp-header":{"type":"string","x-mcp-header":"Raw"}}}""")
                .declarations()).containsExactly(new Declaration("Raw", List.of("x-mcp-header")));
    }

    @Test
    void annotationsInInstancesAreData() {
        ToolHeaders headers = of("""
                {"type":"object",
                 "default":{"x-mcp-header":"NotOne"},
                 "examples":[{"x-mcp-header":"NotOne"}],
                 "properties":{"p":{"type":"object",
                   "const":{"x-mcp-header":""},
                   "enum":[{"x-mcp-header":5}]}}}""");

        assertThat(headers).isSameAs(ToolHeaders.NONE);
    }

    @Test
    void noAnnotationsIsNone() {
        assertThat(of("{\"type\":\"object\"}")).isSameAs(ToolHeaders.NONE);
        assertThat(of("{\"type\":\"object\",\"additionalProperties\":false}")).isSameAs(ToolHeaders.NONE);
        assertThat(of("""
                {"type":"object","properties":{"a":{"type":"array","items":{"$ref":"#/$defs/x"}}},
                 "$defs":{"x":{"type":"string"}},"oneOf":[true,{"required":["a"]}]}""")).isSameAs(ToolHeaders.NONE);
        assertThat(ToolHeaders.of((JsonNode) null)).isSameAs(ToolHeaders.NONE);
        assertThat(ToolHeaders.of(json("null"))).isSameAs(ToolHeaders.NONE);
        assertThat(ToolHeaders.of(json("true"))).isSameAs(ToolHeaders.NONE);
        assertThat(ToolHeaders.of(new Tool("t", null, null))).isSameAs(ToolHeaders.NONE);
        assertThat(ToolHeaders.NONE.valid()).isTrue();
        assertThat(ToolHeaders.NONE.invalidReason()).isNull();
        assertThat(ToolHeaders.NONE.declarations()).isEmpty();
    }

    @Test
    void ofATool() {
        ToolHeaders headers = ToolHeaders.of(tool("t", """
                {"type":"object","properties":{"r":{"type":"string","x-mcp-header":"Region"}}}"""));

        assertThat(headers.declarations()).containsExactly(new Declaration("Region", List.of("r")));
    }

    // ---- where an annotation may not be

    static Stream<Arguments> unreachablePlaces() {
        String annotated = "{\"type\":\"string\",\"x-mcp-header\":\"Region\"}";
        return Stream.of(
                Arguments.of("{\"type\":\"array\",\"items\":" + annotated + "}", "/properties/p/items"),
                Arguments.of("{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"r\":" + annotated
                        + "}}}", "/properties/p/items/properties/r"),
                Arguments.of("{\"type\":\"array\",\"items\":[" + annotated + "]}", "/properties/p/items/0"),
                Arguments.of("{\"type\":\"array\",\"prefixItems\":[{},{},{\"properties\":{\"r\":"
                        + annotated + "}}]}", "/properties/p/prefixItems/2/properties/r"),
                Arguments.of("{\"type\":\"array\",\"additionalItems\":" + annotated + "}",
                        "/properties/p/additionalItems"),
                Arguments.of("{\"type\":\"array\",\"contains\":" + annotated + "}", "/properties/p/contains"),
                Arguments.of("{\"type\":\"array\",\"unevaluatedItems\":" + annotated + "}",
                        "/properties/p/unevaluatedItems"),
                Arguments.of("{\"oneOf\":[" + annotated + ",{\"type\":\"integer\"}]}", "/properties/p/oneOf/0"),
                Arguments.of("{\"anyOf\":[{\"type\":\"integer\"}," + annotated + "]}", "/properties/p/anyOf/1"),
                Arguments.of("{\"type\":\"string\",\"allOf\":[" + annotated + "]}", "/properties/p/allOf/0"),
                Arguments.of("{\"type\":\"string\",\"not\":" + annotated + "}", "/properties/p/not"),
                Arguments.of("{\"type\":\"string\",\"if\":" + annotated + "}", "/properties/p/if"),
                Arguments.of("{\"type\":\"string\",\"if\":{},\"then\":" + annotated + "}", "/properties/p/then"),
                Arguments.of("{\"type\":\"string\",\"if\":{},\"else\":" + annotated + "}", "/properties/p/else"),
                Arguments.of("{\"type\":\"object\",\"additionalProperties\":" + annotated + "}",
                        "/properties/p/additionalProperties"),
                Arguments.of("{\"type\":\"object\",\"unevaluatedProperties\":" + annotated + "}",
                        "/properties/p/unevaluatedProperties"),
                Arguments.of("{\"type\":\"object\",\"patternProperties\":{\"^r\":" + annotated + "}}",
                        "/properties/p/patternProperties/^r"),
                Arguments.of("{\"type\":\"object\",\"propertyNames\":" + annotated + "}",
                        "/properties/p/propertyNames"),
                Arguments.of("{\"type\":\"object\",\"dependentSchemas\":{\"a\":" + annotated + "}}",
                        "/properties/p/dependentSchemas/a"),
                Arguments.of("{\"type\":\"object\",\"dependencies\":{\"a\":{\"properties\":{\"r\":" + annotated
                        + "}}}}", "/properties/p/dependencies/a/properties/r"),
                Arguments.of("{\"$ref\":\"#/$defs/region\",\"$defs\":{\"region\":" + annotated + "}}",
                        "/properties/p/$defs/region"),
                Arguments.of("{\"definitions\":{\"a/b~c\":" + annotated + "}}", "/properties/p/definitions/a~1b~0c"),
                Arguments.of("{\"type\":\"string\",\"contentSchema\":" + annotated + "}",
                        "/properties/p/contentSchema"),
                Arguments.of("{\"type\":\"string\",\"x-vendor\":{\"nested\":[" + annotated + "]}}",
                        "/properties/p/x-vendor/nested/0"));
    }

    @ParameterizedTest
    @MethodSource("unreachablePlaces")
    void anAnnotationOffThePropertiesChainMakesTheToolInvalid(String property, String pointer) {
        ToolHeaders headers = withProperty(property);

        assertThat(headers.valid()).isFalse();
        assertThat(headers.invalidReason()).isEqualTo("x-mcp-header at " + pointer
                + " is not on a property reached from the root through \"properties\" alone");
        assertThat(headers.declarations()).isEmpty();
        assertThat(headers.values(json("{\"p\":\"x\",\"r\":\"y\"}"))).isEmpty();
    }

    @Test
    void theRootDefinitionsAndCompositionAreOffTheChainToo() {
        assertThat(of("""
                {"type":"object","properties":{"r":{"$ref":"#/$defs/r"}},
                 "$defs":{"r":{"type":"string","x-mcp-header":"Region"}}}""").invalidReason())
                .isEqualTo("x-mcp-header at /$defs/r is not on a property reached from the root through"
                        + " \"properties\" alone");
        assertThat(of("""
                {"type":"object","allOf":[{"properties":{"r":{"type":"string","x-mcp-header":"Region"}}}]}""")
                .invalidReason()).startsWith("x-mcp-header at /allOf/0/properties/r is not on a property");
        assertThat(of("""
                {"type":"object","if":{"properties":{"a":{"const":1}}},
                 "then":{"properties":{"r":{"type":"string","x-mcp-header":"Region"}}}}""").invalidReason())
                .startsWith("x-mcp-header at /then/properties/r is not on a property");
    }

    @Test
    void oneBadAnnotationSpoilsTheValidOnes() {
        ToolHeaders headers = of("""
                {"type":"object","properties":{
                  "region":{"type":"string","x-mcp-header":"Region"},
                  "tags":{"type":"array","items":{"type":"string","x-mcp-header":"Tag"}}}}""");

        assertThat(headers.valid()).isFalse();
        assertThat(headers.declarations()).isEmpty();
        assertThat(headers.values(json("{\"region\":\"us-west1\"}"))).isEmpty();
    }

    @Test
    void anAnnotationOnTheRootIsInvalid() {
        assertThat(of("{\"type\":\"object\",\"x-mcp-header\":\"Args\"}").invalidReason())
                .isEqualTo("x-mcp-header is on the schema root, not on a property");
    }

    // ---- the value of the annotation

    @Test
    void anEmptyNameIsInvalid() {
        assertThat(withProperty("{\"type\":\"string\",\"x-mcp-header\":\"\"}").invalidReason())
                .isEqualTo("x-mcp-header \"\" at /properties/p is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "null", "{}", "{\"name\":\"Region\"}", "[\"Region\"]", "1.5"})
    void aNameThatIsNoStringIsInvalid(String annotation) {
        ToolHeaders headers = withProperty("{\"type\":\"string\",\"x-mcp-header\":" + annotation + "}");

        assertThat(headers.valid()).isFalse();
        assertThat(headers.invalidReason()).startsWith("x-mcp-header at /properties/p is not a string but ");
    }

    @Test
    void theReasonNamesTheJsonTypeOfANameThatIsNoString() {
        assertThat(withProperty("{\"type\":\"string\",\"x-mcp-header\":null}").invalidReason())
                .isEqualTo("x-mcp-header at /properties/p is not a string but null");
        assertThat(withProperty("{\"type\":\"string\",\"x-mcp-header\":7}").invalidReason())
                .isEqualTo("x-mcp-header at /properties/p is not a string but number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"My Region", "Region:Primary", "Région", "Region(1)", "A/B", "a@b", "a=b", "a,b",
        "a;b", "a?b", "\\\"quoted\\\"", "a\\\\b", "[a]", "{a}", "<a>", "Ｒｅｇｉｏｎ", " Region", "Region "})
    void aNameThatIsNoTokenIsInvalid(String name) {
        ToolHeaders headers = withProperty("{\"type\":\"string\",\"x-mcp-header\":\"" + name + "\"}");

        assertThat(headers.valid()).isFalse();
        assertThat(headers.invalidReason()).contains("which an HTTP field name (a token) does not allow");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Region\\t1", "Region\\r\\nX-Evil: 1", "Region\\n", "\\u0000", "Reg\\u007Fion",
        "\\u001B"})
    void aNameWithAControlCharacterIsInvalid(String name) {
        ToolHeaders headers = withProperty("{\"type\":\"string\",\"x-mcp-header\":\"" + name + "\"}");

        assertThat(headers.valid()).isFalse();
        assertThat(headers.invalidReason()).contains("contains the control character U+00")
                .doesNotContain("\r", "\n", "\t", "\u0000", "\u007F", "\u001B");
    }

    @Test
    void theReasonShowsTheOffendingCharacter() {
        assertThat(withProperty("{\"type\":\"string\",\"x-mcp-header\":\"Region:Primary\"}").invalidReason())
                .isEqualTo("x-mcp-header \"Region:Primary\" at /properties/p contains ':', which an HTTP field name"
                        + " (a token) does not allow");
        assertThat(withProperty("{\"type\":\"string\",\"x-mcp-header\":\"My Region\"}").invalidReason())
                .isEqualTo("x-mcp-header \"My Region\" at /properties/p contains U+0020, which an HTTP field name"
                        + " (a token) does not allow");
        assertThat(withProperty("{\"type\":\"string\",\"x-mcp-header\":\"Région\"}").invalidReason())
                .isEqualTo("x-mcp-header \"R\\u00E9gion\" at /properties/p contains U+00E9, which an HTTP field"
                        + " name (a token) does not allow");
        assertThat(withProperty("{\"type\":\"string\",\"x-mcp-header\":\"Region\\r\\nX\"}").invalidReason())
                .isEqualTo("x-mcp-header \"Region\\u000D\\u000AX\" at /properties/p contains the control character"
                        + " U+000D");
    }

    @Test
    void propertyNamesInTheReasonAreMadePrintable() {
        String reason = of("""
                {"type":"object","properties":{"a\\nb":{"type":"number","x-mcp-header":"N"}}}""").invalidReason();

        assertThat(reason).startsWith("x-mcp-header \"N\" at /properties/a\\u000Ab is on a property of type")
                .doesNotContain("\n");
    }

    @Test
    void everyTokenCharacterIsAllowed() {
        String name = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        ObjectNode schema = McpJson.mapper().createObjectNode();
        schema.putObject("properties").putObject("p").put("type", "string").put("x-mcp-header", name);

        ToolHeaders headers = ToolHeaders.of(schema);

        assertThat(headers.valid()).as(headers.invalidReason()).isTrue();
        assertThat(headers.declarations()).containsExactly(new Declaration(name, List.of("p")));
    }

    @Test
    void namesThatLookLikeStandardHeadersAreFine() {
        ToolHeaders headers = of("""
                {"type":"object","properties":{
                  "m":{"type":"string","x-mcp-header":"Method"},
                  "n":{"type":"string","x-mcp-header":"Name"},
                  "s":{"type":"string","x-mcp-header":"Session-Id"}}}""");

        assertThat(headers.declarations()).extracting(Declaration::name).containsExactly("Method", "Name",
                "Session-Id");
    }

    // ---- uniqueness

    @Test
    void aNameUsedTwiceIsInvalid() {
        assertThat(of("""
                {"type":"object","properties":{
                  "field1":{"type":"string","x-mcp-header":"Region"},
                  "field2":{"type":"string","x-mcp-header":"Region"}}}""").invalidReason())
                .isEqualTo("x-mcp-header \"Region\" at /properties/field2 repeats \"Region\" at /properties/field1"
                        + " (header names are case-insensitive)");
    }

    @Test
    void namesDifferingInCaseOnlyAreTheSame() {
        assertThat(of("""
                {"type":"object","properties":{
                  "field1":{"type":"string","x-mcp-header":"MyField"},
                  "field2":{"type":"string","x-mcp-header":"myfield"}}}""").invalidReason())
                .isEqualTo("x-mcp-header \"myfield\" at /properties/field2 repeats \"MyField\" at"
                        + " /properties/field1 (header names are case-insensitive)");
    }

    @Test
    void uniquenessSpansNestingLevels() {
        ToolHeaders headers = of("""
                {"type":"object","properties":{
                  "region":{"type":"string","x-mcp-header":"Region"},
                  "target":{"type":"object","properties":{"region":{"type":"string","x-mcp-header":"REGION"}}}}}""");

        assertThat(headers.invalidReason()).isEqualTo("x-mcp-header \"REGION\" at /properties/target/properties/region"
                + " repeats \"Region\" at /properties/region (header names are case-insensitive)");
    }

    @Test
    void namesThatOnlyLookAlikeAreDistinct() {
        ToolHeaders headers = of("""
                {"type":"object","properties":{
                  "a":{"type":"string","x-mcp-header":"Region"},
                  "b":{"type":"string","x-mcp-header":"Region-1"},
                  "c":{"type":"string","x-mcp-header":"Region_1"},
                  "d":{"type":"string","x-mcp-header":"region.1"}}}""");

        assertThat(headers.valid()).isTrue();
        assertThat(headers.declarations()).hasSize(4);
    }

    // ---- the type of the annotated property

    @ParameterizedTest
    @ValueSource(strings = {"\"string\"", "\"integer\"", "\"boolean\"", "[\"string\",\"null\"]",
        "[\"null\",\"integer\"]", "[\"boolean\",\"null\"]", "[\"string\"]"})
    void primitiveTypesMayBeMirrored(String type) {
        ToolHeaders headers = withProperty("{\"type\":" + type + ",\"x-mcp-header\":\"P\"}");

        assertThat(headers.valid()).as(headers.invalidReason()).isTrue();
        assertThat(headers.declarations()).containsExactly(new Declaration("P", List.of("p")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"number\"", "\"object\"", "\"array\"", "\"null\"", "\"String\"", "\"int\"",
        "[\"string\",\"integer\"]", "[\"number\",\"null\"]", "[\"null\"]", "[]", "[\"string\",5]", "5", "{}",
        "true"})
    void otherTypesMayNot(String type) {
        ToolHeaders headers = withProperty("{\"type\":" + type + ",\"x-mcp-header\":\"P\"}");

        assertThat(headers.valid()).isFalse();
        assertThat(headers.invalidReason()).isEqualTo("x-mcp-header \"P\" at /properties/p is on a property of type "
                + json(type) + "; only string, integer and boolean ones may be mirrored");
    }

    @Test
    void aNumberIsNoInteger() {
        assertThat(withProperty("{\"type\":\"number\",\"x-mcp-header\":\"Ratio\"}").invalidReason())
                .isEqualTo("x-mcp-header \"Ratio\" at /properties/p is on a property of type \"number\"; only"
                        + " string, integer and boolean ones may be mirrored");
    }

    @Test
    void aPropertyWithoutATypeMayNotBeMirrored() {
        assertThat(withProperty("{\"x-mcp-header\":\"P\"}").invalidReason())
                .isEqualTo("x-mcp-header \"P\" at /properties/p is on a property without a \"type\"; only string,"
                        + " integer and boolean ones may be mirrored");
        assertThat(withProperty("{\"enum\":[\"a\",\"b\"],\"x-mcp-header\":\"P\"}").valid()).isFalse();
        assertThat(withProperty("{\"$ref\":\"#/$defs/s\",\"x-mcp-header\":\"P\"}").valid()).isFalse();
    }

    @Test
    void aPropertyWithARefAndItsOwnTypeMayBeMirrored() {
        ToolHeaders headers = of("""
                {"type":"object","properties":{"r":{"$ref":"#/$defs/r","type":"string","x-mcp-header":"Region"}},
                 "$defs":{"r":{"type":"string","enum":["us","eu"]}}}""");

        assertThat(headers.declarations()).containsExactly(new Declaration("Region", List.of("r")));
    }

    // ---- the conformance suite's invalid tools

    static Stream<Arguments> conformanceInvalidTools() {
        return tools(INVALID_TOOLS).stream().skip(1).map(tool -> Arguments.of(tool.name(), tool));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conformanceInvalidTools")
    void eachInvalidConformanceToolIsInvalid(String name, Tool tool) {
        ToolHeaders headers = ToolHeaders.of(tool);

        assertThat(headers.valid()).isFalse();
        assertThat(headers.invalidReason()).startsWith("x-mcp-header ");
    }

    @Test
    void theConformanceToolListKeepsOnlyTheValidTool() {
        List<Tool> tools = tools(INVALID_TOOLS);
        List<String> dropped = new ArrayList<>();

        List<Tool> kept = ToolHeaders.dropInvalid(tools, (tool, reason) -> dropped.add(tool.name() + ": " + reason));

        assertThat(kept).extracting(Tool::name).containsExactly("valid_tool");
        assertThat(dropped).containsExactly(
                "invalid_empty_header: x-mcp-header \"\" at /properties/value is empty",
                "invalid_object_header: x-mcp-header \"Data\" at /properties/data is on a property of type"
                        + " \"object\"; only string, integer and boolean ones may be mirrored",
                "invalid_array_header: x-mcp-header \"Items\" at /properties/items is on a property of type"
                        + " \"array\"; only string, integer and boolean ones may be mirrored",
                "invalid_null_header: x-mcp-header \"Nil\" at /properties/nil is on a property of type \"null\";"
                        + " only string, integer and boolean ones may be mirrored",
                "invalid_duplicate_same_case: x-mcp-header \"Region\" at /properties/field2 repeats \"Region\" at"
                        + " /properties/field1 (header names are case-insensitive)",
                "invalid_duplicate_diff_case: x-mcp-header \"myfield\" at /properties/field2 repeats \"MyField\" at"
                        + " /properties/field1 (header names are case-insensitive)",
                "invalid_space_in_name: x-mcp-header \"My Region\" at /properties/value contains U+0020, which an"
                        + " HTTP field name (a token) does not allow",
                "invalid_colon_in_name: x-mcp-header \"Region:Primary\" at /properties/value contains ':', which"
                        + " an HTTP field name (a token) does not allow",
                "invalid_non_ascii_name: x-mcp-header \"R\\u00E9gion\" at /properties/value contains U+00E9, which"
                        + " an HTTP field name (a token) does not allow",
                "invalid_control_char_name: x-mcp-header \"Region\\u00091\" at /properties/value contains the"
                        + " control character U+0009");
    }

    // ---- dropInvalid

    @Test
    void nothingDroppedIsTheSameList() {
        List<Tool> tools = List.of(tool("a", "{\"type\":\"object\"}"),
                tool("b", "{\"type\":\"object\",\"properties\":{\"r\":{\"type\":\"string\",\"x-mcp-header\":\"R\"}}}"),
                new Tool("c", null, null));
        List<Tool> calls = new ArrayList<>();

        assertThat(ToolHeaders.dropInvalid(tools, (tool, reason) -> calls.add(tool))).isSameAs(tools);
        assertThat(ToolHeaders.dropInvalid(List.of(), (tool, reason) -> calls.add(tool))).isEmpty();
        assertThat(calls).isEmpty();
    }

    @Test
    void droppingKeepsTheOrderOfTheRest() {
        String bad = "{\"type\":\"object\",\"properties\":{\"r\":{\"type\":\"number\",\"x-mcp-header\":\"R\"}}}";
        String good = "{\"type\":\"object\"}";
        List<Tool> tools = List.of(tool("bad1", bad), tool("a", good), tool("b", good), tool("bad2", bad),
                tool("c", good), tool("bad3", bad));
        List<String> dropped = new ArrayList<>();

        List<Tool> kept = ToolHeaders.dropInvalid(tools, (tool, reason) -> dropped.add(tool.name()));

        assertThat(kept).extracting(Tool::name).containsExactly("a", "b", "c");
        assertThat(dropped).containsExactly("bad1", "bad2", "bad3");
        assertThatThrownBy(() -> kept.add(tools.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void droppingEveryToolLeavesAnEmptyList() {
        String bad = "{\"type\":\"object\",\"properties\":{\"r\":{\"type\":\"string\",\"x-mcp-header\":\"\"}}}";

        assertThat(ToolHeaders.dropInvalid(List.of(tool("x", bad), tool("y", bad)), (tool, reason) -> { }))
                .isEmpty();
    }

    // ---- values

    @Test
    void theConformanceCallMirrorsTheAnnotatedArgumentsUnencoded() {
        ToolHeaders headers = of(CUSTOM_HEADERS_SCHEMA);
        ObjectNode arguments = McpJson.mapper().createObjectNode()
                .put("region", "us-west1").put("priority", 42).put("verbose", false).put("debug", true)
                .put("empty_val", "").put("method_val", "test-method").put("float_val", 3.14159)
                .put("non_ascii_val", "Hello, 世界").put("whitespace_val", " padded ")
                .put("leading_space_val", " us-west1").put("trailing_space_val", "us-west1 ")
                .put("internal_space_val", "us west 1").put("control_char_val", "line1\nline2")
                .put("crlf_val", "line1\r\nline2").put("tab_val", "\tindented").put("query", "SELECT * FROM users");

        Map<String, String> values = headers.values(arguments);

        assertThat(values).containsExactly(Map.entry("Region", "us-west1"), Map.entry("Priority", "42"),
                Map.entry("Verbose", "false"), Map.entry("Debug", "true"), Map.entry("EmptyVal", ""),
                Map.entry("Method", "test-method"), Map.entry("NonAscii", "Hello, 世界"),
                Map.entry("Whitespace", " padded "), Map.entry("LeadingSpace", " us-west1"),
                Map.entry("TrailingSpace", "us-west1 "), Map.entry("InternalSpace", "us west 1"),
                Map.entry("ControlChar", "line1\nline2"), Map.entry("CrLf", "line1\r\nline2"),
                Map.entry("Tab", "\tindented"));
        assertThatThrownBy(() -> values.put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aNullOrAbsentArgumentIsOmitted() {
        ToolHeaders headers = of(CUSTOM_HEADERS_SCHEMA);

        assertThat(headers.values(json("""
                {"region":"us-east1","priority":1,"verbose":null,"query":"SELECT 1"}""")))
                .containsExactly(Map.entry("Region", "us-east1"), Map.entry("Priority", "1"));
    }

    @Test
    void nestedValuesFollowTheirPath() {
        ToolHeaders headers = of("""
                {"type":"object","properties":{
                  "target":{"type":"object","properties":{
                    "region":{"type":"string","x-mcp-header":"Region"},
                    "placement":{"type":"object","properties":{"zone":{"type":"integer","x-mcp-header":"Zone"}}}}},
                  "region":{"type":"string"}}}""");

        assertThat(headers.values(json("""
                {"target":{"region":"eu","placement":{"zone":3}},"region":"us"}""")))
                .containsExactly(Map.entry("Region", "eu"), Map.entry("Zone", "3"));
        assertThat(headers.values(json("{\"region\":\"us\",\"zone\":3}"))).isEmpty();
        assertThat(headers.values(json("{\"target\":{\"placement\":null}}"))).isEmpty();
        assertThat(headers.values(json("{\"target\":\"eu\"}"))).isEmpty();
        assertThat(headers.values(json("{\"target\":[{\"region\":\"eu\"}]}"))).isEmpty();
        assertThat(headers.values(json("{\"target\":{\"region\":\"eu\",\"placement\":{\"zone\":null}}}")))
                .containsExactly(Map.entry("Region", "eu"));
    }

    @Test
    void noArgumentsNoValues() {
        ToolHeaders headers = of(CUSTOM_HEADERS_SCHEMA);

        assertThat(headers.values(null)).isEmpty();
        assertThat(headers.values(json("{}"))).isEmpty();
        assertThat(headers.values(json("null"))).isEmpty();
        assertThat(headers.values(json("[\"us-west1\"]"))).isEmpty();
        assertThat(headers.values(json("\"us-west1\""))).isEmpty();
    }

    @Test
    void noneAllocatesNothing() {
        Map<String, String> empty = ToolHeaders.NONE.values(json("{\"region\":\"us-west1\"}"));

        assertThat(empty).isEmpty();
        assertThat(ToolHeaders.NONE.values(null)).isSameAs(empty);
        assertThat(ToolHeaders.NONE.values(json("{\"a\":1}"))).isSameAs(empty);
        assertThat(of(CUSTOM_HEADERS_SCHEMA).values(json("{\"query\":\"SELECT 1\"}"))).isSameAs(empty);
        assertThat(withProperty("{\"type\":\"number\",\"x-mcp-header\":\"N\"}").values(json("{\"p\":1}")))
                .isSameAs(empty);
    }

    @Test
    void booleansAreLowerCase() {
        ToolHeaders headers = withProperty("{\"type\":\"boolean\",\"x-mcp-header\":\"Flag\"}");

        assertThat(headers.values(json("{\"p\":true}"))).containsExactly(Map.entry("Flag", "true"));
        assertThat(headers.values(json("{\"p\":false}"))).containsExactly(Map.entry("Flag", "false"));
    }

    @Test
    void integersAreDecimal() {
        ToolHeaders headers = withProperty("{\"type\":\"integer\",\"x-mcp-header\":\"N\"}");

        assertThat(value(headers, "42")).isEqualTo("42");
        assertThat(value(headers, "-7")).isEqualTo("-7");
        assertThat(value(headers, "0")).isEqualTo("0");
        assertThat(value(headers, "-0")).isEqualTo("0");
        assertThat(value(headers, "42.0")).isEqualTo("42");
        assertThat(value(headers, "-0.0")).isEqualTo("0");
        assertThat(value(headers, "1e2")).isEqualTo("100");
        assertThat(value(headers, "4200000000")).isEqualTo("4200000000");
    }

    @Test
    void integersAreMirroredWithinTheSafeRangeOnly() {
        ToolHeaders headers = withProperty("{\"type\":\"integer\",\"x-mcp-header\":\"N\"}");

        assertThat(value(headers, "9007199254740991")).isEqualTo("9007199254740991");
        assertThat(value(headers, "-9007199254740991")).isEqualTo("-9007199254740991");
        assertThat(value(headers, "9007199254740992")).isNull();
        assertThat(value(headers, "-9007199254740992")).isNull();
        assertThat(value(headers, "9223372036854775807")).isNull();
        assertThat(value(headers, "-9223372036854775808")).isNull();
        assertThat(value(headers, "123456789012345678901234567890")).isNull();
        assertThat(value(headers, "9007199254740992.0")).isNull();
        assertThat(value(headers, "1e300")).isNull();
    }

    @Test
    void bigDecimalAndBigIntegerNodes() {
        ToolHeaders headers = withProperty("{\"type\":\"integer\",\"x-mcp-header\":\"N\"}");
        ObjectNode arguments = McpJson.mapper().createObjectNode();

        assertThat(headers.values(arguments.put("p", new BigDecimal("42.000")))).containsEntry("N", "42");
        assertThat(headers.values(arguments.put("p", new BigDecimal("4.2E+1")))).containsEntry("N", "42");
        assertThat(headers.values(arguments.put("p", new BigDecimal("42.5")))).isEmpty();
        assertThat(headers.values(arguments.put("p", new BigDecimal("9007199254740992")))).isEmpty();
        assertThat(headers.values(arguments.put("p", BigInteger.valueOf(12)))).containsEntry("N", "12");
        assertThat(headers.values(arguments.put("p", BigInteger.TWO.pow(53)))).isEmpty();
        assertThat(headers.values(arguments.put("p", 42.0f))).containsEntry("N", "42");
    }

    @Test
    void fractionsAreOmitted() {
        ToolHeaders headers = withProperty("{\"type\":\"integer\",\"x-mcp-header\":\"N\"}");

        assertThat(value(headers, "3.5")).isNull();
        assertThat(value(headers, "3.14159")).isNull();
        assertThat(value(headers, "-0.5")).isNull();
    }

    @Test
    void valuesFollowTheArgumentNotTheDeclaredType() {
        ToolHeaders integer = withProperty("{\"type\":\"integer\",\"x-mcp-header\":\"N\"}");
        ToolHeaders string = withProperty("{\"type\":\"string\",\"x-mcp-header\":\"S\"}");
        ToolHeaders bool = withProperty("{\"type\":\"boolean\",\"x-mcp-header\":\"B\"}");

        assertThat(value(integer, "\"42\"")).isEqualTo("42");
        assertThat(value(integer, "\"forty-two\"")).isEqualTo("forty-two");
        assertThat(value(integer, "true")).isEqualTo("true");
        assertThat(value(string, "7")).isEqualTo("7");
        assertThat(value(string, "false")).isEqualTo("false");
        assertThat(value(bool, "\"yes\"")).isEqualTo("yes");
        assertThat(value(bool, "1")).isEqualTo("1");
    }

    @Test
    void objectsAndArraysAreOmitted() {
        ToolHeaders string = withProperty("{\"type\":\"string\",\"x-mcp-header\":\"S\"}");

        assertThat(value(string, "{\"a\":\"b\"}")).isNull();
        assertThat(value(string, "[\"a\"]")).isNull();
        assertThat(value(string, "{}")).isNull();
        assertThat(value(string, "[]")).isNull();
    }

    @Test
    void stringsAreNeitherTrimmedNorEncoded() {
        ToolHeaders string = withProperty("{\"type\":\"string\",\"x-mcp-header\":\"S\"}");

        assertThat(value(string, "\"  two  \"")).isEqualTo("  two  ");
        assertThat(value(string, "\"=?base64?literal?=\"")).isEqualTo("=?base64?literal?=");
        assertThat(value(string, "\"\\u0000\\r\\n\"")).isEqualTo("\u0000\r\n");
        assertThat(value(string, "\"世界\"")).isEqualTo("世界");
    }

    @Test
    void theNameIsKeptAsDeclared() {
        ToolHeaders headers = withProperty("{\"type\":\"string\",\"x-mcp-header\":\"tenant-ID\"}");

        assertThat(headers.values(json("{\"p\":\"acme\"}")).keySet()).containsExactly("tenant-ID");
    }

    @Test
    void aNullableTypeOmitsNull() {
        ToolHeaders headers = withProperty("{\"type\":[\"string\",\"null\"],\"x-mcp-header\":\"S\"}");

        assertThat(value(headers, "null")).isNull();
        assertThat(value(headers, "\"x\"")).isEqualTo("x");
    }

    /** The value {@code p} gives the single header of {@code headers}, or {@code null}. */
    private static String value(ToolHeaders headers, String argument) {
        Map<String, String> values = headers.values(json("{\"p\":" + argument + "}"));
        assertThat(values.size()).isLessThanOrEqualTo(1);
        return values.isEmpty() ? null : values.values().iterator().next();
    }
}
