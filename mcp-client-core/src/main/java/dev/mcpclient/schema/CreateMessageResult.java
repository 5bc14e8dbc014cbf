package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The client's answer to {@code sampling/createMessage}: the sampled message.
 *
 * <p>{@code content} is read as one block or an array; a single block is written as an object, so
 * servers of every revision can read it.
 *
 * @param role who speaks, normally {@link Role#ASSISTANT}
 * @param content the content blocks; never {@code null}
 * @param model the name of the model that generated the message
 * @param stopReason why sampling stopped, e.g. {@link #STOP_END_TURN}, or any provider-specific
 *     string, or {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record CreateMessageResult(
        Role role,
        @JsonFormat(with = {
                JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                JsonFormat.Feature.WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED})
        List<SamplingContent> content,
        String model,
        String stopReason,
        @JsonProperty("_meta") Map<String, Object> meta) {

    /** The natural end of the assistant's turn. */
    public static final String STOP_END_TURN = "endTurn";
    /** A stop sequence was encountered. */
    public static final String STOP_STOP_SEQUENCE = "stopSequence";
    /** The token limit was reached. */
    public static final String STOP_MAX_TOKENS = "maxTokens";
    /** The model wants to use tools (2025-11-25). */
    public static final String STOP_TOOL_USE = "toolUse";

    public CreateMessageResult {
        content = SchemaSupport.orEmpty(content);
    }

    /** A result with one content block and no metadata. */
    public CreateMessageResult(Role role, SamplingContent content, String model, String stopReason) {
        this(role, List.of(content), model, stopReason, null);
    }
}
