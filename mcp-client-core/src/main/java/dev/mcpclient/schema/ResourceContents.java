package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;

/**
 * The contents of a resource or sub-resource: {@link TextResourceContents} or
 * {@link BlobResourceContents}, told apart by their {@code text} or {@code blob} field (there is no
 * type field).
 *
 * @since 0.2.0
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({
        @JsonSubTypes.Type(TextResourceContents.class),
        @JsonSubTypes.Type(BlobResourceContents.class)
})
public sealed interface ResourceContents permits TextResourceContents, BlobResourceContents {

    /** The URI of the resource. */
    String uri();

    /** The MIME type, if known, or {@code null}. */
    String mimeType();

    /** Protocol-reserved metadata ({@code _meta}), or {@code null}. */
    Map<String, Object> meta();
}
