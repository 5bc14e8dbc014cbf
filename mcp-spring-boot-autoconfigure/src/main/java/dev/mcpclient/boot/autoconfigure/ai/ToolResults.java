package dev.mcpclient.boot.autoconfigure.ai;

import dev.mcpclient.schema.AudioContent;
import dev.mcpclient.schema.BlobResourceContents;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.Content;
import dev.mcpclient.schema.EmbeddedResource;
import dev.mcpclient.schema.ImageContent;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.ResourceContents;
import dev.mcpclient.schema.ResourceLink;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.schema.TextResourceContents;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A tool's result as the text the model reads: the content blocks in order, each text block as it
 * is and every other block described in one bracketed line (an embedded text resource with its
 * text); then the {@code structuredContent} as JSON, unless a text block already carries the same
 * JSON (as servers are asked to, for clients that read only text). A result the tool marked as an
 * error ({@code isError}) starts with {@value #ERROR}.
 */
final class ToolResults {

    /** How the text of a result the tool marked as an error starts. */
    static final String ERROR = "Error: ";

    private ToolResults() {
    }

    static String toText(CallToolResult result) {
        List<String> parts = new ArrayList<>();
        JsonNode structured = result.structuredContent();
        boolean structuredInText = false;
        for (Content content : result.content()) {
            if (content instanceof TextContent text) {
                parts.add(text.text() == null ? "" : text.text());
                structuredInText |= structured != null && sameJson(text.text(), structured);
            } else {
                parts.add(describe(content));
            }
        }
        if (structured != null && !structuredInText) {
            parts.add(McpJson.mapper().writeValueAsString(structured));
        }
        String text = String.join("\n", parts);
        if (Boolean.TRUE.equals(result.isError())) {
            return ERROR + (text.isBlank() ? "the tool failed and gave no details" : text);
        }
        return text;
    }

    /** One bracketed line for a block that is not text. */
    static String describe(Content content) {
        if (content instanceof ImageContent image) {
            return "[image: " + orUnknown(image.mimeType()) + ", " + decodedSize(image.data()) + " bytes]";
        }
        if (content instanceof AudioContent audio) {
            return "[audio: " + orUnknown(audio.mimeType()) + ", " + decodedSize(audio.data()) + " bytes]";
        }
        if (content instanceof ResourceLink link) {
            String name = link.title() != null ? link.title() : link.name();
            return "[resource link: " + link.uri() + (name == null ? "" : " \"" + name + "\"")
                    + (link.mimeType() == null ? "" : ", " + link.mimeType())
                    + (link.size() == null ? "" : ", " + link.size() + " bytes") + "]"
                    + (link.description() == null ? "" : " " + link.description());
        }
        if (content instanceof EmbeddedResource embedded) {
            return describe(embedded.resource());
        }
        String type = content.type();
        return "[" + (type == null ? "unknown" : type) + " content]";
    }

    private static String describe(ResourceContents resource) {
        if (resource instanceof TextResourceContents text) {
            return "[resource: " + text.uri() + (text.mimeType() == null ? "" : ", " + text.mimeType()) + "]\n"
                    + (text.text() == null ? "" : text.text());
        }
        BlobResourceContents blob = (BlobResourceContents) resource;
        return "[resource: " + blob.uri() + ", " + orUnknown(blob.mimeType()) + ", " + decodedSize(blob.blob())
                + " bytes]";
    }

    private static String orUnknown(String mimeType) {
        return mimeType == null ? "unknown type" : mimeType;
    }

    /** The size of what base64 {@code data} encodes, without decoding it. */
    static long decodedSize(String data) {
        if (data == null) {
            return 0;
        }
        int length = data.length();
        int padding = 0;
        while (padding < 2 && length - padding > 0 && data.charAt(length - padding - 1) == '=') {
            padding++;
        }
        return (long) length * 3 / 4 - padding;
    }

    private static boolean sameJson(String text, JsonNode structured) {
        if (text == null || text.isBlank()) {
            return false;
        }
        char first = text.strip().charAt(0);
        if (first != '{' && first != '[') {
            return false;
        }
        try {
            return structured.equals(McpJson.mapper().readTree(text));
        } catch (JacksonException notJson) {
            return false;
        }
    }
}
