package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.EnumNamingStrategies;
import tools.jackson.databind.annotation.EnumNaming;

/**
 * The params of {@code sampling/createMessage}: the server asks the client to sample an LLM.
 *
 * @param messages the conversation; never {@code null}
 * @param modelPreferences advisory model preferences, or {@code null}
 * @param systemPrompt a system prompt the client may modify or omit, or {@code null}
 * @param includeContext context from MCP servers to attach, or {@code null} (meaning none)
 * @param temperature the sampling temperature, or {@code null}
 * @param maxTokens the maximum number of tokens to sample
 * @param stopSequences sequences that stop sampling, or {@code null}
 * @param metadata provider-specific metadata to pass through, or {@code null}
 * @param tools tools the model may use (2025-11-25; requires the sampling {@code tools}
 *     capability), or {@code null}
 * @param toolChoice how the model may use {@code tools} (2025-11-25), or {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record CreateMessageRequest(
        List<SamplingMessage> messages,
        ModelPreferences modelPreferences,
        String systemPrompt,
        IncludeContext includeContext,
        Double temperature,
        int maxTokens,
        List<String> stopSequences,
        Map<String, Object> metadata,
        List<Tool> tools,
        ToolChoice toolChoice,
        @JsonProperty("_meta") Map<String, Object> meta) {

    public CreateMessageRequest {
        messages = SchemaSupport.orEmpty(messages);
    }

    /** A request with only messages and a token limit. */
    public CreateMessageRequest(List<SamplingMessage> messages, int maxTokens) {
        this(messages, null, null, null, null, maxTokens, null, null, null, null, null);
    }

    /** Which servers' context to include; values other than {@code none} are soft-deprecated. */
    @EnumNaming(EnumNamingStrategies.LowerCamelCaseStrategy.class)
    public enum IncludeContext {
        /** {@code "none"}. */
        NONE,
        /** {@code "thisServer"}. */
        THIS_SERVER,
        /** {@code "allServers"}. */
        ALL_SERVERS
    }
}
