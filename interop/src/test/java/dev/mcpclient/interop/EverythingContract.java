package dev.mcpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpClient;
import dev.mcpclient.McpTimeoutException;
import dev.mcpclient.interop.report.Feature;
import dev.mcpclient.interop.report.Interop;
import dev.mcpclient.interop.report.InteropRecorder;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.Content;
import dev.mcpclient.schema.EmbeddedResource;
import dev.mcpclient.schema.ImageContent;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.schema.ListToolsResult;
import dev.mcpclient.schema.ProgressNotification;
import dev.mcpclient.schema.ProtocolVersions;
import dev.mcpclient.schema.ResourceLink;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.schema.Tool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What our client does with {@code @modelcontextprotocol/server-everything}, whatever the transport:
 * a subclass per transport supplies a connected client ({@link #client()}) and names the column.
 */
@ExtendWith(InteropRecorder.class)
abstract class EverythingContract {

    /** A client connected to a server-everything of this test's own. */
    abstract McpClient client();

    @Test
    @Interop(Feature.INITIALIZE)
    void initializeNegotiatesAVersionAndNamesTheServer() {
        InitializeResult init = client().initialize();

        assertThat(init.protocolVersion()).isIn(ProtocolVersions.SUPPORTED);
        assertThat(init.serverInfo().name()).isEqualTo("mcp-servers/everything");
        assertThat(init.capabilities().tools()).isNotNull();
        assertThat(init.capabilities().resources()).isNotNull();
        assertThat(init.capabilities().prompts()).isNotNull();
        assertThat(init.capabilities().logging()).isNotNull();
    }

    @Test
    @Interop(Feature.PING)
    void ping() {
        client().ping();
        client().ping(CallOptions.withTimeout(Duration.ofSeconds(5)));
    }

    @Test
    @Interop(Feature.TOOLS_LIST)
    void listToolsGetsEveryTool() {
        ListToolsResult tools = client().listTools();

        assertThat(tools.tools()).extracting(Tool::name).contains("echo", "get-sum", "get-tiny-image",
                "trigger-long-running-operation", "get-structured-content", "get-resource-links");
        assertThat(tools.nextCursor()).isNull();
    }

    @Test
    @Interop(Feature.TOOLS_LIST_CURSOR)
    void listToolsWithoutACursorGetsTheFirstPage() {
        ListToolsResult firstPage = client().listTools(null, CallOptions.defaults());

        // server-everything sends every tool in one page: the first page is the whole list.
        assertThat(firstPage.tools()).extracting(Tool::name).isEqualTo(client().listTools().tools().stream()
                .map(Tool::name).toList());
    }

    @Test
    @Interop(Feature.TOOLS_CALL)
    void callTool() {
        assertThat(text(client().callTool("echo", Map.of("message", "hello everything")))).isEqualTo("Echo: hello everything");
        assertThat(text(client().callTool("get-sum", Map.of("a", 2, "b", 40)))).contains("42");
    }

    @Test
    @Interop(Feature.TOOLS_CALL_ERROR)
    void aToolsOwnErrorIsAResultNotAnException() {
        // Arguments that fail the tool's input schema: the server reports the tool's failure.
        CallToolResult result = client().callTool("get-sum", Map.of("a", "not a number"));

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isNotBlank();
    }

    @Test
    @Interop(Feature.CONTENT_TYPES)
    void everyContentTypeIsDecoded() {
        CallToolResult image = client().callTool("get-tiny-image", Map.of());
        assertThat(image.content()).hasAtLeastOneElementOfType(ImageContent.class);
        ImageContent png = (ImageContent) image.content().stream().filter(ImageContent.class::isInstance)
                .findFirst().orElseThrow();
        assertThat(png.mimeType()).isEqualTo("image/png");
        assertThat(java.util.Base64.getDecoder().decode(png.data())).startsWith(0x89, 'P', 'N', 'G');

        CallToolResult links = client().callTool("get-resource-links", Map.of("count", 2));
        assertThat(links.content()).filteredOn(ResourceLink.class::isInstance).hasSize(2)
                .allSatisfy(c -> assertThat(((ResourceLink) c).uri()).startsWith("demo://resource/"));

        CallToolResult embedded = client().callTool("get-resource-reference",
                Map.of("resourceType", "Text", "resourceId", 1));
        assertThat(embedded.isError()).as("%s", embedded).isFalse();
        assertThat(embedded.content()).filteredOn(EmbeddedResource.class::isInstance).singleElement()
                .satisfies(c -> assertThat(((EmbeddedResource) c).resource().uri()).startsWith("demo://resource/"));

        CallToolResult annotated = client().callTool("get-annotated-message",
                Map.of("messageType", "error", "includeImage", true));
        List<Content> content = annotated.content();
        assertThat(content).first().isInstanceOfSatisfying(TextContent.class,
                t -> assertThat(t.annotations().priority()).isEqualTo(1.0));
        assertThat(content).hasAtLeastOneElementOfType(ImageContent.class);
    }

    @Test
    @Interop(Feature.PROGRESS)
    void aLongRunningToolReportsItsProgressToTheCall() throws InterruptedException {
        List<ProgressNotification> seen = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(4);

        CallToolResult result = client().callTool("trigger-long-running-operation", Map.of("duration", 0.4, "steps", 4),
                CallOptions.withTimeout(Duration.ofSeconds(20)).progress(p -> {
                    seen.add(p);
                    all.countDown();
                }));

        assertThat(text(result)).startsWith("Long running operation completed");
        assertThat(all.await(5, TimeUnit.SECONDS)).as("4 progress notifications").isTrue();
        assertThat(seen).extracting(ProgressNotification::progress).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(seen).extracting(ProgressNotification::total).containsOnly(4.0);
    }

    @Test
    @Interop(Feature.TIMEOUT)
    void aCallThatOutlivesItsTimeoutFailsAndTheSessionGoesOn() {
        assertThatThrownBy(() -> client().callTool("trigger-long-running-operation",
                Map.of("duration", 30, "steps", 30), CallOptions.withTimeout(Duration.ofMillis(300))))
                .isInstanceOf(McpTimeoutException.class);

        assertThat(text(client().callTool("echo", Map.of("message", "still here")))).isEqualTo("Echo: still here");
    }

    @Test
    @Interop(Feature.STRUCTURED_CONTENT)
    void structuredContentComesWithTheToolsOutputSchema() {
        Tool tool = client().listTools().tools().stream().filter(t -> t.name().equals("get-structured-content"))
                .findFirst().orElseThrow();
        assertThat(tool.outputSchema().path("properties").has("temperature")).isTrue();

        CallToolResult result = client().callTool("get-structured-content", Map.of("location", "Chicago"));

        assertThat(result.isError()).isFalse();
        assertThat(result.structuredContent().path("temperature").asInt()).isEqualTo(36);
        assertThat(result.structuredContent().path("conditions").asString()).isEqualTo("Light rain / drizzle");
    }

    static String text(CallToolResult result) {
        return ConformanceClient.text(result);
    }
}
