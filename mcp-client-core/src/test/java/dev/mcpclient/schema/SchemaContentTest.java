package dev.mcpclient.schema;

import static dev.mcpclient.schema.JsonAssertions.assertWritesJson;
import static dev.mcpclient.schema.JsonAssertions.occurrences;
import static dev.mcpclient.schema.JsonAssertions.read;
import static dev.mcpclient.schema.JsonAssertions.strictTree;
import static dev.mcpclient.schema.JsonAssertions.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

class SchemaContentTest {

    private static final TypeReference<List<Content>> CONTENT_LIST = new TypeReference<>() {
    };

    @Test
    void readsEveryKindOfContentBlock() {
        List<Content> blocks = read("""
                [
                  {"type": "text", "text": "Tool result text",
                   "annotations": {"audience": ["user", "assistant"], "priority": 0.9, "lastModified": "2025-01-12T15:00:58Z"}},
                  {"type": "image", "data": "base64-encoded-data", "mimeType": "image/png", "annotations": {"audience": ["user"]}},
                  {"type": "audio", "data": "base64-encoded-audio-data", "mimeType": "audio/wav"},
                  {"type": "resource_link", "uri": "file:///project/src/main.rs", "name": "main.rs",
                   "description": "Primary application entry point", "mimeType": "text/x-rust", "size": 2048},
                  {"type": "resource", "resource": {"uri": "file:///project/src/main.rs", "mimeType": "text/x-rust",
                   "text": "fn main() {\\n    println!(\\"Hello world!\\");\\n}"}, "annotations": {"priority": 0.5}},
                  {"type": "resource", "resource": {"uri": "file:///logo.png", "mimeType": "image/png", "blob": "iVBORw0KGgo="},
                   "_meta": {"origin": "cache"}}
                ]
                """, CONTENT_LIST);

        assertThat(blocks).extracting(Content::type)
                .containsExactly("text", "image", "audio", "resource_link", "resource", "resource");

        assertThat(blocks.get(0)).isEqualTo(new TextContent("Tool result text",
                new Annotations(List.of(Role.USER, Role.ASSISTANT), 0.9, "2025-01-12T15:00:58Z"), null));
        assertThat(blocks.get(1)).isEqualTo(new ImageContent("base64-encoded-data", "image/png",
                new Annotations(List.of(Role.USER), null, null), null));
        assertThat(blocks.get(2)).isEqualTo(new AudioContent("base64-encoded-audio-data", "audio/wav"));

        ResourceLink link = (ResourceLink) blocks.get(3);
        assertThat(link.uri()).isEqualTo("file:///project/src/main.rs");
        assertThat(link.name()).isEqualTo("main.rs");
        assertThat(link.description()).isEqualTo("Primary application entry point");
        assertThat(link.mimeType()).isEqualTo("text/x-rust");
        assertThat(link.size()).isEqualTo(2048L);

        EmbeddedResource text = (EmbeddedResource) blocks.get(4);
        assertThat(text.resource()).isEqualTo(new TextResourceContents(
                "file:///project/src/main.rs", "text/x-rust", "fn main() {\n    println!(\"Hello world!\");\n}"));
        assertThat(text.annotations().priority()).isEqualTo(0.5);

        EmbeddedResource blob = (EmbeddedResource) blocks.get(5);
        assertThat(blob.resource()).isEqualTo(new BlobResourceContents("file:///logo.png", "image/png", "iVBORw0KGgo="));
        assertThat(blob.meta()).containsExactly(Map.entry("origin", "cache"));
    }

    @Test
    void writesEachBlockWithItsTypeExactlyOnce() {
        assertWritesJson(new TextContent("hello"), """
                {"type": "text", "text": "hello"}
                """);
        assertWritesJson(new ImageContent("AAAA", "image/jpeg", new Annotations(null, 1.0, null), Map.of("k", "v")), """
                {"type": "image", "data": "AAAA", "mimeType": "image/jpeg", "annotations": {"priority": 1.0}, "_meta": {"k": "v"}}
                """);
        assertWritesJson(new AudioContent("UklGR", "audio/wav"), """
                {"type": "audio", "data": "UklGR", "mimeType": "audio/wav"}
                """);
        assertWritesJson(new ResourceLink("file:///a.txt", "a.txt"), """
                {"type": "resource_link", "uri": "file:///a.txt", "name": "a.txt"}
                """);
        assertWritesJson(new EmbeddedResource(new TextResourceContents("file:///a.txt", "text/plain", "hi")), """
                {"type": "resource", "resource": {"uri": "file:///a.txt", "mimeType": "text/plain", "text": "hi"}}
                """);
        assertWritesJson(new ToolUseContent("call_1", "get_weather", Map.of("city", "Paris")), """
                {"type": "tool_use", "id": "call_1", "name": "get_weather", "input": {"city": "Paris"}}
                """);
        assertWritesJson(new ToolResultContent("call_1", List.of(new TextContent("18°C"))), """
                {"type": "tool_result", "toolUseId": "call_1", "content": [{"type": "text", "text": "18°C"}], "isError": false}
                """);
    }

    @Test
    void aListOfBlocksCarriesOneTypePerBlock() {
        List<Content> blocks = List.of(
                new TextContent("a"),
                new ImageContent("AA", "image/png"),
                new AudioContent("BB", "audio/mpeg"),
                new ResourceLink("file:///x", "x"),
                new EmbeddedResource(new BlobResourceContents("file:///y", null, "CC")));

        String json = write(blocks);

        assertThat(occurrences(json, "\"type\"")).as(json).isEqualTo(5);
        assertThat(read(json, CONTENT_LIST)).isEqualTo(blocks);
    }

    @Test
    void theDuplicateCheckOfTheAssertionsWorks() {
        assertThatThrownBy(() -> strictTree("""
                {"type": "text", "type": "text", "text": "twice"}
                """)).isInstanceOf(JacksonException.class).hasMessageContaining("type");
    }

    @Test
    void resourceContentsAreToldApartByTheirFields() {
        ResourceContents text = read("""
                {"uri": "file:///notes.md", "mimeType": "text/markdown", "text": "# Notes", "_meta": {"rev": 3}}
                """, ResourceContents.class);
        ResourceContents blob = read("""
                {"uri": "file:///logo.png", "blob": "iVBORw0KGgo="}
                """, ResourceContents.class);

        assertThat(text).isEqualTo(new TextResourceContents("file:///notes.md", "text/markdown", "# Notes", Map.of("rev", 3)));
        assertThat(blob).isInstanceOf(BlobResourceContents.class);
        assertThat(blob.uri()).isEqualTo("file:///logo.png");
        assertThat(blob.mimeType()).isNull();
        assertThat(((BlobResourceContents) blob).blob()).isEqualTo("iVBORw0KGgo=");

        assertWritesJson(text, """
                {"uri": "file:///notes.md", "mimeType": "text/markdown", "text": "# Notes", "_meta": {"rev": 3}}
                """);
        assertWritesJson(new BlobResourceContents("file:///logo.png", "image/png", "iVBORw0KGgo="), """
                {"uri": "file:///logo.png", "mimeType": "image/png", "blob": "iVBORw0KGgo="}
                """);
    }

    @Test
    void writesAndReadsAnnotations() {
        Annotations annotations = new Annotations(List.of(Role.ASSISTANT), 0.25, "2025-01-12T15:00:58Z");
        assertWritesJson(annotations, """
                {"audience": ["assistant"], "priority": 0.25, "lastModified": "2025-01-12T15:00:58Z"}
                """);
        assertThat(read("""
                {"audience": ["user"], "unknown": true}
                """, Annotations.class)).isEqualTo(new Annotations(List.of(Role.USER), null, null));
    }

    @Test
    void blocksOfTheOtherUnionAreUnknownHere() {
        Content toolUse = read("""
                {"type": "tool_use", "id": "call_1", "name": "n", "input": {}}
                """, Content.class);
        SamplingContent link = read("""
                {"type": "resource_link", "uri": "file:///x", "name": "x"}
                """, SamplingContent.class);

        assertThat(toolUse).isInstanceOf(UnknownContent.class);
        assertThat(toolUse.type()).isEqualTo("tool_use");
        assertThat(link).isInstanceOf(UnknownContent.class);
        assertThat(link.type()).isEqualTo("resource_link");
    }

    @Test
    void aBlockWithoutTypeIsUnknown() {
        Content content = read("""
                {"text": "no type"}
                """, Content.class);

        assertThat(content).isInstanceOf(UnknownContent.class);
        assertThat(content.type()).isNull();
        assertThat(((UnknownContent) content).raw().get("text").asString()).isEqualTo("no type");
    }

    @Test
    void rolesUseLowercaseValues() {
        assertThat(write(Role.ASSISTANT)).isEqualTo("\"assistant\"");
        assertThat(read("\"user\"", Role.class)).isEqualTo(Role.USER);
        assertThatThrownBy(() -> read("\"robot\"", Role.class)).isInstanceOf(JacksonException.class);
    }
}
