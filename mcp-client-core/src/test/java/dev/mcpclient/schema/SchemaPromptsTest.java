package dev.mcpclient.schema;

import static dev.mcpclient.schema.JsonAssertions.assertWritesJson;
import static dev.mcpclient.schema.JsonAssertions.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaPromptsTest {

    @Test
    void readsAPromptListPage() {
        ListPromptsResult page = read("""
                {
                  "prompts": [
                    {
                      "name": "code_review",
                      "title": "Request Code Review",
                      "description": "Asks the LLM to analyze code quality and suggest improvements",
                      "arguments": [{"name": "code", "description": "The code to review", "required": true},
                                    {"name": "style", "title": "Style guide"}],
                      "icons": [{"src": "https://example.com/review-icon.svg", "mimeType": "image/svg+xml", "sizes": ["any"]}]
                    }
                  ],
                  "nextCursor": "next-page-cursor"
                }
                """, ListPromptsResult.class);

        assertThat(page.nextCursor()).isEqualTo("next-page-cursor");
        Prompt prompt = page.prompts().get(0);
        assertThat(prompt.name()).isEqualTo("code_review");
        assertThat(prompt.title()).isEqualTo("Request Code Review");
        assertThat(prompt.description()).isEqualTo("Asks the LLM to analyze code quality and suggest improvements");
        assertThat(prompt.arguments()).containsExactly(
                new PromptArgument("code", null, "The code to review", true),
                new PromptArgument("style", "Style guide", null, null));
        assertThat(prompt.icons().get(0).src()).isEqualTo("https://example.com/review-icon.svg");
        assertThat(read("{}", ListPromptsResult.class).prompts()).isEmpty();
    }

    @Test
    void writesAGetPromptRequest() {
        assertWritesJson(new GetPromptRequest("code_review", Map.of("code", "def hello():\n    print('world')")), """
                {"name": "code_review", "arguments": {"code": "def hello():\\n    print('world')"}}
                """);
        assertWritesJson(new GetPromptRequest("simple", null), """
                {"name": "simple"}
                """);
    }

    @Test
    void readsAPromptWithTextAndResourceMessages() {
        GetPromptResult result = read("""
                {
                  "description": "Code review prompt",
                  "messages": [
                    {"role": "user", "content": {"type": "text", "text": "Please review this Python code:\\ndef hello():\\n    print('world')"}},
                    {"role": "assistant", "content": {"type": "resource",
                      "resource": {"uri": "resource://example", "mimeType": "text/plain", "text": "Resource content"}}},
                    {"role": "user", "content": {"type": "hologram", "frames": 2}}
                  ]
                }
                """, GetPromptResult.class);

        assertThat(result.description()).isEqualTo("Code review prompt");
        assertThat(result.messages()).hasSize(3);
        assertThat(result.messages().get(0)).isEqualTo(new PromptMessage(Role.USER,
                new TextContent("Please review this Python code:\ndef hello():\n    print('world')")));
        assertThat(result.messages().get(1)).isEqualTo(new PromptMessage(Role.ASSISTANT,
                new EmbeddedResource(new TextResourceContents("resource://example", "text/plain", "Resource content"))));
        assertThat(result.messages().get(2).content()).isInstanceOf(UnknownContent.class);
        assertThat(result.messages().get(2).content().type()).isEqualTo("hologram");
    }
}
