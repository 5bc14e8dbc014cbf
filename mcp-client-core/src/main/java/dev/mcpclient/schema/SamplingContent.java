package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A content block of a sampling message ({@code SamplingMessageContentBlock} in the schema): text,
 * image, audio, and since 2025-11-25 {@code tool_use} and {@code tool_result}.
 *
 * <p>Kept apart from {@link Content} as in the schema: sampling messages carry no resources, and
 * tool uses never appear in tool or prompt results. Unknown types are read as {@link UnknownContent}.
 *
 * @since 0.2.0
 */
@JsonTypeInfo(
        use = JsonTypeInfo.Id.NAME,
        include = JsonTypeInfo.As.EXISTING_PROPERTY,
        property = "type",
        visible = true,
        defaultImpl = UnknownContent.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = TextContent.class, name = TextContent.TYPE),
        @JsonSubTypes.Type(value = ImageContent.class, name = ImageContent.TYPE),
        @JsonSubTypes.Type(value = AudioContent.class, name = AudioContent.TYPE),
        @JsonSubTypes.Type(value = ToolUseContent.class, name = ToolUseContent.TYPE),
        @JsonSubTypes.Type(value = ToolResultContent.class, name = ToolResultContent.TYPE)
})
public sealed interface SamplingContent
        permits TextContent, ImageContent, AudioContent, ToolUseContent, ToolResultContent, UnknownContent {

    /** The {@code "type"} discriminator, e.g. {@code "tool_use"}. */
    String type();
}
