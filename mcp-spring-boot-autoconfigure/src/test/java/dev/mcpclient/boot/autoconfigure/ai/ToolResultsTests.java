package dev.mcpclient.boot.autoconfigure.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.schema.AudioContent;
import dev.mcpclient.schema.BlobResourceContents;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.Content;
import dev.mcpclient.schema.EmbeddedResource;
import dev.mcpclient.schema.ImageContent;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.ResourceLink;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.schema.TextResourceContents;
import dev.mcpclient.schema.UnknownContent;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A tool's result as the text the model reads. */
class ToolResultsTests {

    private static TextContent text(String text) {
        return new TextContent(text, null, null);
    }

    private static JsonNode json(String json) {
        return McpJson.mapper().readTree(json);
    }

    private static CallToolResult result(List<Content> content, JsonNode structured, boolean isError) {
        return new CallToolResult(content, structured, isError, null);
    }

    @Test
    void textBlocksAreJoinedByNewLines() {
        assertThat(ToolResults.toText(new CallToolResult(List.of(text("one"), text("two"))))).isEqualTo("one\ntwo");
    }

    @Test
    void anEmptyResultIsAnEmptyText() {
        assertThat(ToolResults.toText(new CallToolResult(List.of()))).isEmpty();
    }

    @Test
    void structuredContentIsGivenAsJson() {
        assertThat(ToolResults.toText(result(List.of(text("It is mild.")), json("{\"temperature\":21.5}"), false)))
                .isEqualTo("It is mild.\n{\"temperature\":21.5}");
    }

    @Test
    void structuredContentAlreadyInATextBlockIsGivenOnce() {
        assertThat(ToolResults.toText(result(List.of(text("{ \"city\": \"Paris\", \"temperature\": 21.5 }")),
                json("{\"city\":\"Paris\",\"temperature\":21.5}"), false)))
                .isEqualTo("{ \"city\": \"Paris\", \"temperature\": 21.5 }");
    }

    @Test
    void anErrorTheToolReportsIsItsTextMarkedAsAnError() {
        assertThat(ToolResults.toText(result(List.of(text("no such city")), null, true))).isEqualTo("Error: no such city");
        assertThat(ToolResults.toText(result(List.of(), null, true)))
                .isEqualTo("Error: the tool failed and gave no details");
    }

    @Test
    void otherContentIsDescribed() {
        List<Content> content = List.of(
                new ImageContent("iVBORw0KGgo=", "image/png", null, null),
                new AudioContent("UklGRg==", "audio/wav", null, null),
                new ResourceLink("file:///report.pdf", "report", "Q3 report", "The quarter's figures", "application/pdf",
                        null, 1024L, null, null),
                new ResourceLink("file:///a.txt", "a"),
                new EmbeddedResource(new TextResourceContents("file:///notes.txt", "text/plain", "a note", null), null, null),
                new EmbeddedResource(new BlobResourceContents("file:///x.bin", "application/octet-stream", "AAAA", null),
                        null, null),
                new UnknownContent(json("{\"type\":\"hologram\",\"data\":\"x\"}")));

        assertThat(ToolResults.toText(new CallToolResult(content)).split("\n")).containsExactly(
                "[image: image/png, 8 bytes]",
                "[audio: audio/wav, 4 bytes]",
                "[resource link: file:///report.pdf \"Q3 report\", application/pdf, 1024 bytes] The quarter's figures",
                "[resource link: file:///a.txt \"a\"]",
                "[resource: file:///notes.txt, text/plain]",
                "a note",
                "[resource: file:///x.bin, application/octet-stream, 3 bytes]",
                "[hologram content]");
    }

    @Test
    void theSizeOfBase64DataIsCountedWithoutDecodingIt() {
        assertThat(ToolResults.decodedSize("")).isZero();
        assertThat(ToolResults.decodedSize(null)).isZero();
        assertThat(ToolResults.decodedSize("QQ==")).isEqualTo(1);
        assertThat(ToolResults.decodedSize("QUI=")).isEqualTo(2);
        assertThat(ToolResults.decodedSize("QUJD")).isEqualTo(3);
    }
}
