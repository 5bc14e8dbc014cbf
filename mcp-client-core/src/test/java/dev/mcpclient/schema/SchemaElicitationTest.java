package dev.mcpclient.schema;

import static dev.mcpclient.schema.JsonAssertions.assertWritesJson;
import static dev.mcpclient.schema.JsonAssertions.read;
import static dev.mcpclient.schema.JsonAssertions.strictTree;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaElicitationTest {

    @Test
    void readsAFormRequestWithoutMode() {
        ElicitRequest request = read("""
                {
                  "message": "Please provide your contact information",
                  "requestedSchema": {
                    "type": "object",
                    "properties": {
                      "name": {"type": "string", "description": "Your full name"},
                      "email": {"type": "string", "format": "email", "description": "Your email address"},
                      "age": {"type": "number", "minimum": 18, "description": "Your age"}
                    },
                    "required": ["name", "email"]
                  }
                }
                """, ElicitRequest.class);

        assertThat(request.mode()).isNull();
        assertThat(request.isUrlMode()).isFalse();
        assertThat(request.message()).isEqualTo("Please provide your contact information");
        assertThat(request.requestedSchema().get("properties").get("email").get("format").asString()).isEqualTo("email");
        assertThat(request.requestedSchema().get("properties").get("age").get("minimum").asInt()).isEqualTo(18);
        assertThat(request.url()).isNull();
        assertThat(request.elicitationId()).isNull();
    }

    @Test
    void readsAUrlRequest() {
        ElicitRequest request = read("""
                {
                  "mode": "url",
                  "elicitationId": "550e8400-e29b-41d4-a716-446655440000",
                  "url": "https://mcp.example.com/ui/set_api_key",
                  "message": "Please provide your API key to continue."
                }
                """, ElicitRequest.class);

        assertThat(request.isUrlMode()).isTrue();
        assertThat(request).isEqualTo(ElicitRequest.urlMode("Please provide your API key to continue.",
                "https://mcp.example.com/ui/set_api_key", "550e8400-e29b-41d4-a716-446655440000"));
        assertThat(request.requestedSchema()).isNull();
    }

    @Test
    void writesRequestsWithoutHelperProperties() {
        assertWritesJson(ElicitRequest.formMode("Name?", strictTree("""
                {"type": "object", "properties": {"name": {"type": "string"}}}
                """)), """
                {"message": "Name?", "requestedSchema": {"type": "object", "properties": {"name": {"type": "string"}}}}
                """);
        assertWritesJson(ElicitRequest.urlMode("Sign in", "https://example.com/login", "e-1"), """
                {"mode": "url", "message": "Sign in", "url": "https://example.com/login", "elicitationId": "e-1"}
                """);
    }

    @Test
    void writesTheThreeActions() {
        assertWritesJson(ElicitResult.accept(Map.of("name", "octocat", "age", 30, "subscribe", true,
                "tags", List.of("a", "b"))), """
                {"action": "accept", "content": {"name": "octocat", "age": 30, "subscribe": true, "tags": ["a", "b"]}}
                """);
        assertWritesJson(ElicitResult.decline(), """
                {"action": "decline"}
                """);
        assertWritesJson(ElicitResult.cancel(), """
                {"action": "cancel"}
                """);
    }

    @Test
    void readsAResult() {
        ElicitResult result = read("""
                {"action": "accept", "content": {"name": "Monalisa Octocat", "email": "octocat@github.com", "age": 30}}
                """, ElicitResult.class);

        assertThat(result.action()).isEqualTo(ElicitResult.Action.ACCEPT);
        assertThat(result.content()).containsEntry("name", "Monalisa Octocat").containsEntry("age", 30);
        assertThat(read("""
                {"action": "cancel"}
                """, ElicitResult.class)).isEqualTo(ElicitResult.cancel());
    }
}
