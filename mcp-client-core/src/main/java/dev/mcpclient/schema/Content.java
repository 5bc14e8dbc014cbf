package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A content block ({@code ContentBlock} in the schema) of a tool result, a prompt message or a tool
 * result inside sampling, discriminated by {@code "type"}.
 *
 * <p>A block of a type this client does not know (from a newer server) is read as an
 * {@link UnknownContent} holding the raw JSON, so that the rest of the result stays readable.
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
        @JsonSubTypes.Type(value = ResourceLink.class, name = ResourceLink.TYPE),
        @JsonSubTypes.Type(value = EmbeddedResource.class, name = EmbeddedResource.TYPE)
})
public sealed interface Content
        permits TextContent, ImageContent, AudioContent, ResourceLink, EmbeddedResource, UnknownContent {

    /** The {@code "type"} discriminator, e.g. {@code "text"}. */
    String type();
}
