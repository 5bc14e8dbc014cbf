package dev.mcpclient.schema;

import static dev.mcpclient.schema.JsonAssertions.assertWritesJson;
import static dev.mcpclient.schema.JsonAssertions.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaSamplingTest {

    @Test
    void readsASamplingRequestWithSingleContentObjects() {
        CreateMessageRequest request = read("""
                {
                  "messages": [{"role": "user", "content": {"type": "text", "text": "What is the capital of France?"}}],
                  "modelPreferences": {"hints": [{"name": "claude-3-sonnet"}], "intelligencePriority": 0.8, "speedPriority": 0.5},
                  "systemPrompt": "You are a helpful assistant.",
                  "includeContext": "thisServer",
                  "temperature": 0.7,
                  "maxTokens": 100,
                  "stopSequences": ["\\n\\nHuman:"],
                  "metadata": {"provider": {"top_k": 40}}
                }
                """, CreateMessageRequest.class);

        assertThat(request.messages()).containsExactly(
                new SamplingMessage(Role.USER, new TextContent("What is the capital of France?")));
        assertThat(request.modelPreferences()).isEqualTo(
                new ModelPreferences(List.of(new ModelHint("claude-3-sonnet")), null, 0.5, 0.8));
        assertThat(request.systemPrompt()).isEqualTo("You are a helpful assistant.");
        assertThat(request.includeContext()).isEqualTo(CreateMessageRequest.IncludeContext.THIS_SERVER);
        assertThat(request.temperature()).isEqualTo(0.7);
        assertThat(request.maxTokens()).isEqualTo(100);
        assertThat(request.stopSequences()).containsExactly("\n\nHuman:");
        assertThat(request.metadata()).containsEntry("provider", Map.of("top_k", 40));
        assertThat(request.tools()).isNull();
        assertThat(request.toolChoice()).isNull();
    }

    @Test
    void readsASamplingRequestWithToolUseAndToolResults() {
        CreateMessageRequest request = read("""
                {
                  "messages": [
                    {"role": "user", "content": {"type": "text", "text": "What's the weather like in Paris and London?"}},
                    {"role": "assistant", "content": [
                      {"type": "tool_use", "id": "call_abc123", "name": "get_weather", "input": {"city": "Paris"}},
                      {"type": "tool_use", "id": "call_def456", "name": "get_weather", "input": {"city": "London"}}
                    ]},
                    {"role": "user", "content": [
                      {"type": "tool_result", "toolUseId": "call_abc123",
                       "content": [{"type": "text", "text": "Weather in Paris: 18°C, partly cloudy"}]},
                      {"type": "tool_result", "toolUseId": "call_def456",
                       "content": [{"type": "text", "text": "Weather in London: 15°C, rainy"}],
                       "structuredContent": {"celsius": 15}, "isError": false}
                    ]}
                  ],
                  "tools": [{"name": "get_weather", "description": "Get current weather for a city",
                             "inputSchema": {"type": "object", "properties": {"city": {"type": "string", "description": "City name"}},
                                             "required": ["city"]}}],
                  "toolChoice": {"mode": "auto"},
                  "maxTokens": 1000
                }
                """, CreateMessageRequest.class);

        assertThat(request.messages()).hasSize(3);
        assertThat(request.messages().get(1).role()).isEqualTo(Role.ASSISTANT);
        assertThat(request.messages().get(1).content()).containsExactly(
                new ToolUseContent("call_abc123", "get_weather", Map.of("city", "Paris")),
                new ToolUseContent("call_def456", "get_weather", Map.of("city", "London")));

        List<SamplingContent> results = request.messages().get(2).content();
        assertThat(results).hasSize(2).allMatch(ToolResultContent.class::isInstance);
        ToolResultContent paris = (ToolResultContent) results.get(0);
        assertThat(paris.toolUseId()).isEqualTo("call_abc123");
        assertThat(paris.content()).containsExactly(new TextContent("Weather in Paris: 18°C, partly cloudy"));
        assertThat(paris.isError()).isFalse();
        assertThat(paris.structuredContent()).isNull();
        assertThat(((ToolResultContent) results.get(1)).structuredContent().get("celsius").asInt()).isEqualTo(15);

        assertThat(request.tools()).singleElement().satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("get_weather");
            assertThat(tool.inputSchema().get("required").get(0).asString()).isEqualTo("city");
        });
        assertThat(request.toolChoice()).isEqualTo(new ToolChoice(ToolChoice.Mode.AUTO));
        assertThat(request.maxTokens()).isEqualTo(1000);
    }

    @Test
    void writesASingleBlockResultAsAnObject() {
        CreateMessageResult result = new CreateMessageResult(
                Role.ASSISTANT, new TextContent("The capital of France is Paris."),
                "claude-3-sonnet-20240307", CreateMessageResult.STOP_END_TURN);

        assertWritesJson(result, """
                {
                  "role": "assistant",
                  "content": {"type": "text", "text": "The capital of France is Paris."},
                  "model": "claude-3-sonnet-20240307",
                  "stopReason": "endTurn"
                }
                """);
    }

    @Test
    void writesSeveralToolUsesAsAnArray() {
        CreateMessageResult result = new CreateMessageResult(
                Role.ASSISTANT,
                List.of(new ToolUseContent("call_abc123", "get_weather", Map.of("city", "Paris")),
                        new ToolUseContent("call_def456", "get_weather", Map.of("city", "London"))),
                "claude-3-sonnet-20240307",
                CreateMessageResult.STOP_TOOL_USE,
                null);

        assertWritesJson(result, """
                {
                  "role": "assistant",
                  "content": [
                    {"type": "tool_use", "id": "call_abc123", "name": "get_weather", "input": {"city": "Paris"}},
                    {"type": "tool_use", "id": "call_def456", "name": "get_weather", "input": {"city": "London"}}
                  ],
                  "model": "claude-3-sonnet-20240307",
                  "stopReason": "toolUse"
                }
                """);
    }

    @Test
    void readsResultsOfBothContentShapes() {
        CreateMessageResult single = read("""
                {"role": "assistant", "content": {"type": "text", "text": "Paris"}, "model": "m", "stopReason": "maxTokens"}
                """, CreateMessageResult.class);
        CreateMessageResult array = read("""
                {"role": "assistant", "content": [{"type": "text", "text": "Paris"}, {"type": "thinking", "text": "..."}],
                 "model": "m", "stopReason": "provider_specific"}
                """, CreateMessageResult.class);

        assertThat(single.content()).containsExactly(new TextContent("Paris"));
        assertThat(single.stopReason()).isEqualTo(CreateMessageResult.STOP_MAX_TOKENS);
        assertThat(array.content()).hasSize(2);
        assertThat(array.content().get(1)).isInstanceOf(UnknownContent.class);
        assertThat(array.stopReason()).isEqualTo("provider_specific");
    }

    @Test
    void writesARequestWithEnumsInTheirJsonSpelling() {
        CreateMessageRequest request = new CreateMessageRequest(
                List.of(new SamplingMessage(Role.USER, new TextContent("hi"))),
                null, null, CreateMessageRequest.IncludeContext.ALL_SERVERS, null, 10, null, null, null,
                new ToolChoice(ToolChoice.Mode.REQUIRED), null);

        assertWritesJson(request, """
                {"messages": [{"role": "user", "content": {"type": "text", "text": "hi"}}],
                 "includeContext": "allServers", "maxTokens": 10, "toolChoice": {"mode": "required"}}
                """);
    }
}
