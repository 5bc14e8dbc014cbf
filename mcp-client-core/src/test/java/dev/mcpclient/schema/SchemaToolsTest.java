package dev.mcpclient.schema;

import static dev.mcpclient.schema.JsonAssertions.assertWritesJson;
import static dev.mcpclient.schema.JsonAssertions.read;
import static dev.mcpclient.schema.JsonAssertions.strictTree;
import static dev.mcpclient.schema.JsonAssertions.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaToolsTest {

    @Test
    void readsAToolListPage() {
        ListToolsResult page = read("""
                {
                  "tools": [
                    {
                      "name": "get_weather",
                      "title": "Weather Information Provider",
                      "description": "Get current weather information for a location",
                      "inputSchema": {
                        "type": "object",
                        "properties": {"location": {"type": "string", "description": "City name or zip code"}},
                        "required": ["location"]
                      },
                      "icons": [{"src": "https://example.com/weather-icon.png", "mimeType": "image/png", "sizes": ["48x48"]}]
                    },
                    {
                      "name": "get_weather_data",
                      "description": "Get current weather data for a location",
                      "inputSchema": {"type": "object", "properties": {"location": {"type": "string"}}},
                      "outputSchema": {
                        "type": "object",
                        "properties": {"temperature": {"type": "number"}, "conditions": {"type": "string"}},
                        "required": ["temperature", "conditions"]
                      },
                      "annotations": {"title": "Weather", "readOnlyHint": true, "openWorldHint": true},
                      "execution": {"taskSupport": "optional"},
                      "_meta": {"vendor/x": 1}
                    }
                  ],
                  "nextCursor": "next-page-cursor"
                }
                """, ListToolsResult.class);

        assertThat(page.nextCursor()).isEqualTo("next-page-cursor");
        assertThat(page.tools()).hasSize(2);

        Tool weather = page.tools().get(0);
        assertThat(weather.name()).isEqualTo("get_weather");
        assertThat(weather.title()).isEqualTo("Weather Information Provider");
        assertThat(weather.inputSchema().get("required").get(0).asString()).isEqualTo("location");
        assertThat(weather.inputSchema().get("properties").get("location").get("description").asString())
                .isEqualTo("City name or zip code");
        assertThat(weather.outputSchema()).isNull();
        assertThat(weather.annotations()).isNull();
        assertThat(weather.icons()).containsExactly(
                new Icon("https://example.com/weather-icon.png", "image/png", List.of("48x48"), null));

        Tool data = page.tools().get(1);
        assertThat(data.outputSchema().get("required")).hasSize(2);
        assertThat(data.annotations()).isEqualTo(new ToolAnnotations("Weather", true, null, null, true));
        assertThat(data.execution().taskSupport()).isEqualTo("optional");
        assertThat(data.meta()).containsEntry("vendor/x", 1);
    }

    @Test
    void aPageWithoutToolsIsEmpty() {
        ListToolsResult page = read("{}", ListToolsResult.class);
        assertThat(page.tools()).isEmpty();
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void writesACallToolRequest() {
        assertWritesJson(new CallToolRequest("get_weather", Map.of("location", "New York")), """
                {"name": "get_weather", "arguments": {"location": "New York"}}
                """);
        assertWritesJson(new CallToolRequest("now", null, Map.of("progressToken", 7)), """
                {"name": "now", "_meta": {"progressToken": 7}}
                """);
        assertWritesJson(new CallToolRequest("sum", Map.of("numbers", List.of(1, 2.5), "options", Map.of("round", true))), """
                {"name": "sum", "arguments": {"numbers": [1, 2.5], "options": {"round": true}}}
                """);
    }

    @Test
    void writesATool() {
        Tool tool = new Tool("echo", "Echoes its input", strictTree("""
                {"type": "object", "properties": {"text": {"type": "string"}}}
                """));
        assertWritesJson(tool, """
                {"name": "echo", "description": "Echoes its input",
                 "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}}}}
                """);
    }

    @Test
    void readsAStructuredResult() {
        CallToolResult result = read("""
                {
                  "content": [{"type": "text", "text": "{\\"temperature\\": 22.5, \\"conditions\\": \\"Partly cloudy\\", \\"humidity\\": 65}"}],
                  "structuredContent": {"temperature": 22.5, "conditions": "Partly cloudy", "humidity": 65}
                }
                """, CallToolResult.class);

        assertThat(result.content()).containsExactly(
                new TextContent("{\"temperature\": 22.5, \"conditions\": \"Partly cloudy\", \"humidity\": 65}"));
        assertThat(result.structuredContent().get("temperature").asDouble()).isEqualTo(22.5);
        assertThat(result.structuredContent().get("conditions").asString()).isEqualTo("Partly cloudy");
        assertThat(result.structuredContent().get("humidity").asInt()).isEqualTo(65);
        assertThat(result.isError()).isFalse();
    }

    @Test
    void isErrorIsMappedFromTheJsonProperty() {
        CallToolResult failed = read("""
                {"content": [{"type": "text", "text": "Failed to fetch weather data: API rate limit exceeded"}], "isError": true}
                """, CallToolResult.class);
        assertThat(failed.isError()).isTrue();
        assertThat(((TextContent) failed.content().get(0)).text()).startsWith("Failed to fetch weather data");

        CallToolResult explicitFalse = read("""
                {"content": [], "isError": false}
                """, CallToolResult.class);
        assertThat(explicitFalse.isError()).isFalse();

        assertThat(strictTree(write(failed)).get("isError").asBoolean()).isTrue();
    }

    @Test
    void absentOrNullIsErrorMeansSuccess() {
        CallToolResult absent = read("""
                {"content": [{"type": "text", "text": "ok"}]}
                """, CallToolResult.class);
        CallToolResult jsonNull = read("""
                {"content": [{"type": "text", "text": "ok"}], "isError": null, "structuredContent": null}
                """, CallToolResult.class);

        assertThat(absent.isError()).isFalse();
        assertThat(jsonNull.isError()).isFalse();
        assertThat(jsonNull.structuredContent()).isNull();
        boolean usableAsCondition = absent.isError();
        assertThat(usableAsCondition).isFalse();
        assertThat(new CallToolResult(List.of(), null, null, null).isError()).isFalse();
    }

    @Test
    void anUnknownContentTypeDoesNotBreakTheResult() {
        CallToolResult result = read("""
                {
                  "content": [
                    {"type": "text", "text": "before"},
                    {"type": "hologram", "frames": 3, "projection": {"angle": 90}},
                    {"type": "image", "data": "iVBORw0KGgo=", "mimeType": "image/png"}
                  ],
                  "isError": false
                }
                """, CallToolResult.class);

        assertThat(result.content()).hasSize(3);
        assertThat(result.content().get(0)).isEqualTo(new TextContent("before"));
        UnknownContent unknown = (UnknownContent) result.content().get(1);
        assertThat(unknown.type()).isEqualTo("hologram");
        assertThat(unknown.raw().get("frames").asInt()).isEqualTo(3);
        assertThat(unknown.raw().get("projection").get("angle").asInt()).isEqualTo(90);
        assertThat(result.content().get(2)).isEqualTo(new ImageContent("iVBORw0KGgo=", "image/png"));
    }

    @Test
    void anUnknownContentBlockIsWrittenBackUnchanged() {
        CallToolResult result = read("""
                {"content": [{"type": "hologram", "frames": 3}]}
                """, CallToolResult.class);

        assertWritesJson(result, """
                {"content": [{"type": "hologram", "frames": 3}], "isError": false}
                """);
    }
}
