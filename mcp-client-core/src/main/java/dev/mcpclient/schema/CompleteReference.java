package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a {@code completion/complete} request completes an argument of: a {@link PromptReference}
 * ({@code "ref/prompt"}) or a {@link ResourceTemplateReference} ({@code "ref/resource"}).
 *
 * @since 0.2.0
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PromptReference.class, name = PromptReference.TYPE),
        @JsonSubTypes.Type(value = ResourceTemplateReference.class, name = ResourceTemplateReference.TYPE)
})
public sealed interface CompleteReference permits PromptReference, ResourceTemplateReference {

    /** The {@code "type"} discriminator. */
    String type();
}
