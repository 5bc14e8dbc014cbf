package dev.mcpclient.schema;

import static dev.mcpclient.schema.JsonAssertions.assertWritesJson;
import static dev.mcpclient.schema.JsonAssertions.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaCompletionTest {

    @Test
    void writesACompletionRequestForAPromptArgument() {
        assertWritesJson(new CompleteRequest(new PromptReference("code_review"), "language", "py"), """
                {"ref": {"type": "ref/prompt", "name": "code_review"}, "argument": {"name": "language", "value": "py"}}
                """);
    }

    @Test
    void writesACompletionRequestWithContext() {
        CompleteRequest request = new CompleteRequest(
                new PromptReference("code_review", "Code Review"),
                new CompleteRequest.Argument("framework", "fla"),
                new CompleteRequest.Context(Map.of("language", "python")),
                null);

        assertWritesJson(request, """
                {
                  "ref": {"type": "ref/prompt", "name": "code_review", "title": "Code Review"},
                  "argument": {"name": "framework", "value": "fla"},
                  "context": {"arguments": {"language": "python"}}
                }
                """);
    }

    @Test
    void writesAResourceTemplateReference() {
        assertWritesJson(new CompleteRequest(new ResourceTemplateReference("file:///{path}"), "path", "src/"), """
                {"ref": {"type": "ref/resource", "uri": "file:///{path}"}, "argument": {"name": "path", "value": "src/"}}
                """);
    }

    @Test
    void readsReferencesByType() {
        assertThat(read("""
                {"type": "ref/resource", "uri": "file:///{path}"}
                """, CompleteReference.class)).isEqualTo(new ResourceTemplateReference("file:///{path}"));
        assertThat(read("""
                {"type": "ref/prompt", "name": "code_review"}
                """, CompleteReference.class)).isEqualTo(new PromptReference("code_review"));
    }

    @Test
    void readsACompletionResult() {
        CompleteResult result = read("""
                {"completion": {"values": ["python", "pytorch", "pyside"], "total": 10, "hasMore": true}}
                """, CompleteResult.class);

        assertThat(result.completion().values()).containsExactly("python", "pytorch", "pyside");
        assertThat(result.completion().total()).isEqualTo(10);
        assertThat(result.completion().hasMore()).isTrue();

        CompleteResult minimal = read("""
                {"completion": {"values": []}}
                """, CompleteResult.class);
        assertThat(minimal.completion().values()).isEmpty();
        assertThat(minimal.completion().total()).isNull();
        assertThat(minimal.completion().hasMore()).isNull();
    }
}
