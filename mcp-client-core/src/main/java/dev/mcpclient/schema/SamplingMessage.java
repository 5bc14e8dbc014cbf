package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A message sent to or received from an LLM in sampling.
 *
 * <p>{@code content} is one block or (2025-11-25) an array of blocks; both are read, and a single
 * block is written as an object, as every revision accepts.
 *
 * @param role who speaks
 * @param content the content blocks; never {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record SamplingMessage(
        Role role,
        @JsonFormat(with = {
                JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                JsonFormat.Feature.WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED})
        List<SamplingContent> content,
        @JsonProperty("_meta") Map<String, Object> meta) {

    public SamplingMessage {
        content = SchemaSupport.orEmpty(content);
    }

    /** A message with one content block. */
    public SamplingMessage(Role role, SamplingContent content) {
        this(role, List.of(content), null);
    }
}
