package dev.mcpclient.schema;

import static dev.mcpclient.schema.JsonAssertions.assertWritesJson;
import static dev.mcpclient.schema.JsonAssertions.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.schema.ClientCapabilities.ElicitationCapability;
import dev.mcpclient.schema.ClientCapabilities.RootsCapability;
import dev.mcpclient.schema.ClientCapabilities.SamplingCapability;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaLifecycleTest {

    @Test
    void readsTheInitializeResultOfTheSpecification() {
        InitializeResult result = read("""
                {
                  "protocolVersion": "2025-11-25",
                  "capabilities": {
                    "logging": {},
                    "prompts": {"listChanged": true},
                    "resources": {"subscribe": true, "listChanged": true},
                    "tools": {"listChanged": true},
                    "tasks": {"list": {}, "cancel": {}, "requests": {"tools": {"call": {}}}}
                  },
                  "serverInfo": {
                    "name": "ExampleServer",
                    "title": "Example Server Display Name",
                    "version": "1.0.0",
                    "description": "An example MCP server providing tools and resources",
                    "icons": [{"src": "https://example.com/server-icon.svg", "mimeType": "image/svg+xml", "sizes": ["any"]}],
                    "websiteUrl": "https://example.com/server"
                  },
                  "instructions": "Optional instructions for the client"
                }
                """, InitializeResult.class);

        assertThat(result.protocolVersion()).isEqualTo("2025-11-25");
        ServerCapabilities caps = result.capabilities();
        assertThat(caps.logging()).isEmpty();
        assertThat(caps.completions()).isNull();
        assertThat(caps.prompts().listChanged()).isTrue();
        assertThat(caps.resources().subscribe()).isTrue();
        assertThat(caps.resources().listChanged()).isTrue();
        assertThat(caps.tools().listChanged()).isTrue();
        assertThat(caps.tasks()).containsOnlyKeys("list", "cancel", "requests");
        assertThat(caps.experimental()).isNull();

        Implementation server = result.serverInfo();
        assertThat(server.name()).isEqualTo("ExampleServer");
        assertThat(server.title()).isEqualTo("Example Server Display Name");
        assertThat(server.version()).isEqualTo("1.0.0");
        assertThat(server.description()).isEqualTo("An example MCP server providing tools and resources");
        assertThat(server.websiteUrl()).isEqualTo("https://example.com/server");
        assertThat(server.icons()).containsExactly(
                new Icon("https://example.com/server-icon.svg", "image/svg+xml", List.of("any"), null));
        assertThat(result.instructions()).isEqualTo("Optional instructions for the client");
        assertThat(result.meta()).isNull();
    }

    @Test
    void readsAnOlderResultAndIgnoresUnknownFieldsAtEveryLevel() {
        InitializeResult result = read("""
                {
                  "protocolVersion": "2025-03-26",
                  "capabilities": {
                    "completions": {},
                    "experimental": {"streaming": {"chunks": 4}},
                    "tools": {"listChanged": false, "fancy": true},
                    "holograms": {}
                  },
                  "serverInfo": {"name": "old-server", "version": "0.9", "vendor": "ACME"},
                  "_meta": {"trace": "t-1"},
                  "somethingNew": [1, 2, 3]
                }
                """, InitializeResult.class);

        assertThat(result.protocolVersion()).isEqualTo(ProtocolVersions.V2025_03_26);
        assertThat(result.capabilities().completions()).isEmpty();
        assertThat(result.capabilities().experimental()).containsEntry("streaming", Map.of("chunks", 4));
        assertThat(result.capabilities().tools().listChanged()).isFalse();
        assertThat(result.capabilities().prompts()).isNull();
        assertThat(result.capabilities().logging()).isNull();
        assertThat(result.serverInfo()).isEqualTo(new Implementation("old-server", "0.9"));
        assertThat(result.instructions()).isNull();
        assertThat(result.meta()).containsEntry("trace", "t-1");
    }

    @Test
    void writesTheInitializeRequest() {
        ClientCapabilities capabilities = new ClientCapabilities(
                null,
                new RootsCapability(true),
                SamplingCapability.of(false, true),
                ElicitationCapability.of(true, true),
                null);
        InitializeRequest request = new InitializeRequest(
                ProtocolVersions.LATEST_HANDSHAKE, capabilities, new Implementation("mcp-client", "0.1.0"));

        assertWritesJson(request, """
                {
                  "protocolVersion": "2025-11-25",
                  "capabilities": {
                    "roots": {"listChanged": true},
                    "sampling": {"tools": {}},
                    "elicitation": {"form": {}, "url": {}}
                  },
                  "clientInfo": {"name": "mcp-client", "version": "0.1.0"}
                }
                """);
    }

    @Test
    void writesMetaAsUnderscoreMeta() {
        InitializeRequest request = new InitializeRequest(
                ProtocolVersions.V2025_06_18,
                ClientCapabilities.none(),
                new Implementation("c", "Client", "1", null, null, List.of(new Icon("https://c.example/i.png"))),
                Map.of("progressToken", "p-1"));

        assertWritesJson(request, """
                {
                  "protocolVersion": "2025-06-18",
                  "capabilities": {},
                  "clientInfo": {"name": "c", "title": "Client", "version": "1", "icons": [{"src": "https://c.example/i.png"}]},
                  "_meta": {"progressToken": "p-1"}
                }
                """);
    }

    @Test
    void readsClientCapabilitiesOfBothElicitationShapes() {
        ClientCapabilities old = read("""
                {"elicitation": {}, "sampling": {}, "roots": {}}
                """, ClientCapabilities.class);
        assertThat(old.elicitation()).isEqualTo(new ElicitationCapability(null, null));
        assertThat(old.sampling()).isEqualTo(new SamplingCapability(null, null));
        assertThat(old.roots().listChanged()).isNull();

        ClientCapabilities current = read("""
                {"elicitation": {"form": {"applyDefaults": true}, "url": {}},
                 "sampling": {"context": {}, "tools": {}},
                 "tasks": {"requests": {"elicitation": {"create": {}}}}}
                """, ClientCapabilities.class);
        assertThat(current.elicitation().form().applyDefaults()).isTrue();
        assertThat(current.elicitation().url()).isEmpty();
        assertThat(current.sampling()).isEqualTo(SamplingCapability.of(true, true));
        assertThat(current.tasks()).containsOnlyKeys("requests");
    }

    @Test
    void noCapabilitiesIsAnEmptyObject() {
        assertWritesJson(ClientCapabilities.none(), "{}");
        assertWritesJson(SamplingCapability.of(false, false), "{}");
        assertWritesJson(ElicitationCapability.of(true, false), """
                {"form": {}}
                """);
    }

    @Test
    void protocolVersions() {
        assertThat(ProtocolVersions.LATEST).isEqualTo("2026-07-28");
        assertThat(ProtocolVersions.LATEST_HANDSHAKE).isEqualTo("2025-11-25");
        assertThat(ProtocolVersions.MODERN).containsExactly("2026-07-28");
        assertThat(ProtocolVersions.SUPPORTED).containsExactly("2025-11-25", "2025-06-18", "2025-03-26");
        assertThat(ProtocolVersions.isSupported("2025-06-18")).isTrue();
        assertThat(ProtocolVersions.isSupported("2025-03-26")).isTrue();
        assertThat(ProtocolVersions.isSupported(ProtocolVersions.V2024_11_05)).isFalse();
        assertThat(ProtocolVersions.isSupported("2026-01-01")).isFalse();
        assertThat(ProtocolVersions.isSupported(null)).isFalse();
    }

    @Test
    void emptyResultAndPaginatedRequest() {
        assertThat(read("{}", EmptyResult.class)).isEqualTo(new EmptyResult());
        assertThat(read("""
                {"_meta": {"k": "v"}, "extra": 1}
                """, EmptyResult.class).meta()).containsExactly(Map.entry("k", "v"));
        assertWritesJson(new EmptyResult(), "{}");

        assertWritesJson(PaginatedRequest.firstPage(), "{}");
        assertWritesJson(new PaginatedRequest("next-page-cursor"), """
                {"cursor": "next-page-cursor"}
                """);
    }
}
