package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The server's answer to {@code prompts/get}: the filled-in prompt.
 *
 * @param description a description of the prompt, or {@code null}
 * @param messages the messages of the prompt; never {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record GetPromptResult(
        String description, List<PromptMessage> messages, @JsonProperty("_meta") Map<String, Object> meta) {

    public GetPromptResult {
        messages = SchemaSupport.orEmpty(messages);
    }
}
