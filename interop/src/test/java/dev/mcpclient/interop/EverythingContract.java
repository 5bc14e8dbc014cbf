package dev.mcpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpClient;
import dev.mcpclient.McpTimeoutException;
import dev.mcpclient.interop.report.Feature;
import dev.mcpclient.interop.report.Interop;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.ClientCapabilities;
import dev.mcpclient.schema.CompleteRequest;
import dev.mcpclient.schema.Content;
import dev.mcpclient.schema.ElicitRequest;
import dev.mcpclient.schema.ElicitResult;
import dev.mcpclient.schema.EmbeddedResource;
import dev.mcpclient.schema.ImageContent;
import dev.mcpclient.schema.LoggingLevel;
import dev.mcpclient.schema.PromptReference;
import dev.mcpclient.schema.Resource;
import dev.mcpclient.schema.ResourceLink;
import dev.mcpclient.schema.TextContent;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code @modelcontextprotocol/server-everything}: its facts for the tests of every full-featured peer
 * ({@link FullPeerContract}), and the tests of what only it offers; a class per transport names the
 * column.
 */
abstract class EverythingContract extends FullPeerContract {

    private static final String DOCUMENTS = "demo://resource/static/document/";

    @Override
    String serverName() {
        return "mcp-servers/everything";
    }

    @Override
    List<String> tools() {
        return List.of("echo", "get-sum", "get-tiny-image", "trigger-long-running-operation", "get-structured-content",
                "get-resource-links");
    }

    @Override
    List<ToolCall> toolCalls() {
        return List.of(new ToolCall("echo", Map.of("message", "hello everything"), exactly("Echo: hello everything")),
                new ToolCall("get-sum", Map.of("a", 2, "b", 40), exactly("The sum of 2 and 40 is 42.")));
    }

    @Override
    ToolCall failingCall() {
        // Arguments that fail the tool's input schema: the server reports the tool's failure.
        return new ToolCall("get-sum", Map.of("a", "not a number"), holding("Input validation error", "get-sum"));
    }

    @Override
    Progressing progressing() {
        return new Progressing(new ToolCall("trigger-long-running-operation", Map.of("duration", 0.4, "steps", 4),
                exactly("Long running operation completed. Duration: 0.4 seconds, Steps: 4.")),
                Collections.nCopies(4, null));
    }

    @Override
    Structured structured() {
        String weather = "{\"temperature\":36,\"conditions\":\"Light rain / drizzle\",\"humidity\":82}";
        return new Structured(new ToolCall("get-structured-content", Map.of("location", "Chicago"), exactly(weather)),
                weather);
    }

    @Override
    List<String> resources() {
        return List.of(DOCUMENTS + "architecture.md", DOCUMENTS + "extension.md", DOCUMENTS + "features.md",
                DOCUMENTS + "how-it-works.md", DOCUMENTS + "instructions.md", DOCUMENTS + "startup.md",
                DOCUMENTS + "structure.md");
    }

    @Override
    List<String> resourceTemplates() {
        return List.of("demo://resource/dynamic/text/{resourceId}", "demo://resource/dynamic/blob/{resourceId}");
    }

    @Override
    List<ResourceText> resourceTexts() {
        return List.of(
                new ResourceText("demo://resource/dynamic/text/7", false,
                        Pattern.compile("Resource 7: This is a plaintext resource created at .+")),
                new ResourceText("demo://resource/dynamic/blob/7", true,
                        Pattern.compile("Resource 7: This is a base64 blob created at .+")));
    }

    @Override
    String updatedResource() {
        return "demo://resource/dynamic/text/3";
    }

    @Override
    AutoCloseable updateResources(McpClient subscriber) {
        // An update for every subscribed resource at once, then every 5 s until toggled off.
        subscriber.callTool("toggle-subscriber-updates", Map.of());
        return () -> subscriber.callTool("toggle-subscriber-updates", Map.of());
    }

    @Override
    List<String> prompts() {
        return List.of("simple-prompt", "args-prompt", "completable-prompt", "resource-prompt");
    }

    @Override
    List<PromptText> promptTexts() {
        return List.of(new PromptText("simple-prompt", Map.of(), "This is a simple prompt without arguments."),
                new PromptText("args-prompt", Map.of("city", "Lyon", "state", "Rhône"), "What's weather in Lyon, Rhône?"));
    }

    @Override
    List<Completion> completions() {
        PromptReference prompt = new PromptReference("completable-prompt", null);
        return List.of(new Completion(new CompleteRequest(prompt, "department", "S"), List.of("Sales", "Support")),
                new Completion(new CompleteRequest(prompt, new CompleteRequest.Argument("name", "A"),
                        new CompleteRequest.Context(Map.of("department", "Engineering")), null), List.of("Alice")));
    }

    @Override
    LoggingLevel logLevel() {
        return LoggingLevel.DEBUG;
    }

    @Override
    AutoCloseable logMessages(McpClient client) {
        // One message of a random level at once (every level passes DEBUG), then every 5 s until toggled off.
        client.callTool("toggle-simulated-logging", Map.of());
        return () -> client.callTool("toggle-simulated-logging", Map.of());
    }

    @Override
    LogMessage logMessage() {
        // Over HTTP the message names the session. The level is random, and the alert one is spelled
        // "Alert level-message" by the server (dist/server/logging.js): both spellings are the server's.
        return new LogMessage(EnumSet.allOf(LoggingLevel.class), null,
                Pattern.compile("([A-Z][a-z]+-level message|Alert level-message)( - SessionId .+)?"));
    }

    @Override
    Sampling sampling() {
        return new Sampling("a sampled answer", new ToolCall("trigger-sampling-request",
                Map.of("prompt", "say hi", "maxTokens", 20), holding("LLM sampling result", "interop-model", "a sampled answer")),
                "Resource trigger-sampling-request context: say hi", 20);
    }

    @Override
    Eliciting eliciting() {
        return new Eliciting(List.of("name"), Map.of("name", "Ada Lovelace", "check", true),
                new ToolCall("trigger-elicitation-request", Map.of(), holding("User provided the requested information",
                        "- Name: Ada Lovelace", "- Agreed to terms: true")));
    }

    @Override
    ToolCall rootsCall() {
        return new ToolCall("get-roots-list", Map.of(), holding("1. interop root", "URI: file:///tmp/interop-root"));
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
    @Interop(Feature.TIMEOUT)
    void aCallThatOutlivesItsTimeoutFailsAndTheSessionGoesOn() {
        assertThatThrownBy(() -> client().callTool("trigger-long-running-operation",
                Map.of("duration", 30, "steps", 30), CallOptions.withTimeout(Duration.ofMillis(300))))
                .isInstanceOf(McpTimeoutException.class);

        assertThat(text(client().callTool("echo", Map.of("message", "still here")))).isEqualTo("Echo: still here");
    }

    @Test
    @Interop(Feature.LIST_CHANGED)
    void aResourceTheServerAddsReachesTheListener() throws InterruptedException {
        // gzip-file-as-resource registers a session resource and says so with
        // notifications/resources/list_changed: the client lists the resources again.
        BlockingQueue<List<Resource>> lists = new LinkedBlockingQueue<>();
        McpClient listening = connect(b -> b.onResourcesListChanged(lists::add));
        listening.initialize();
        awaitServerNotificationRoute(listening);

        listening.callTool("gzip-file-as-resource", Map.of("name", "interop.txt.gz",
                "data", "data:text/plain;base64," + java.util.Base64.getEncoder().encodeToString("interop".getBytes())));

        List<Resource> refreshed = lists.poll(10, TimeUnit.SECONDS);
        assertThat(refreshed).as("the resource list after list_changed").isNotNull();
        assertThat(refreshed).extracting(Resource::uri).contains("demo://resource/session/interop.txt.gz");
    }

    @Test
    @Interop(Feature.ELICITATION_URL)
    void theServerElicitsAUrlThroughTheClientsHandler() {
        BlockingQueue<ElicitRequest> requests = new LinkedBlockingQueue<>();
        McpClient eliciting = connect(b -> b.elicitation(request -> {
            requests.add(request);
            return ElicitResult.accept(null);
        }, ClientCapabilities.ElicitationCapability.of(true, true)));
        eliciting.initialize();

        CallToolResult result = eliciting.callTool("trigger-url-elicitation",
                Map.of("url", "https://example.com/authorize", "elicitationId", "interop-1"));

        assertThat(text(result)).contains("User completed the URL elicitation flow").contains("interop-1");
        ElicitRequest request = requests.poll();
        assertThat(request).isNotNull();
        assertThat(request.isUrlMode()).isTrue();
        assertThat(request.url()).isEqualTo("https://example.com/authorize");
        assertThat(request.elicitationId()).isEqualTo("interop-1");
    }
}
