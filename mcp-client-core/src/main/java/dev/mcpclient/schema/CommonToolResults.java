package dev.mcpclient.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads the common shape of a {@code tools/call} result without Jackson's data binding: text content
 * blocks (no annotations, no {@code _meta}), {@code isError}, {@code structuredContent}. Every
 * {@code tools/call} settles through here, and binding a result record through Jackson costs several
 * microseconds of CPU per call under load, more than the rest of the client's work on a call (see
 * {@code docs/benchmarks-history.md}). Anything else (other content types, annotations, {@code _meta}, a
 * value of an unexpected JSON type) is left to Jackson, so a result reads the same either way.
 */
final class CommonToolResults {

    private CommonToolResults() {
    }

    /** The result, or {@code null} when {@code node} is not of the common shape (Jackson reads it then). */
    static CallToolResult read(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        List<Content> content = null;
        JsonNode structuredContent = null;
        Boolean isError = null;
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            JsonNode value = property.getValue();
            switch (property.getKey()) {
                case "content":
                    content = textBlocks(value);
                    if (content == null) {
                        return null;
                    }
                    break;
                case "isError":
                    if (value.isBoolean()) {
                        isError = value.booleanValue();
                    } else if (!value.isNull()) {
                        return null;
                    }
                    break;
                case "structuredContent":
                    structuredContent = value;
                    break;
                case "_meta":
                    return null;
                default:
                    // unknown properties are ignored, as the mapper ignores them
            }
        }
        return new CallToolResult(content, structuredContent, isError, null);
    }

    /** The blocks when each is plain text, else {@code null}. */
    private static List<Content> textBlocks(JsonNode array) {
        if (!array.isArray()) {
            return null;
        }
        List<Content> blocks = new ArrayList<>(array.size());
        for (JsonNode block : array) {
            if (!block.isObject()) {
                return null;
            }
            String text = null;
            boolean typed = false;
            for (Map.Entry<String, JsonNode> property : block.properties()) {
                JsonNode value = property.getValue();
                switch (property.getKey()) {
                    case "type":
                        if (!value.isString() || !TextContent.TYPE.equals(value.stringValue())) {
                            return null;
                        }
                        typed = true;
                        break;
                    case "text":
                        if (!value.isString()) {
                            return null;
                        }
                        text = value.stringValue();
                        break;
                    case "annotations":
                    case "_meta":
                        return null;
                    default:
                        // ignored, as by the mapper
                }
            }
            if (!typed) {
                return null;
            }
            blocks.add(new TextContent(text));
        }
        return blocks;
    }
}
