package dev.mcpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpClient;
import dev.mcpclient.McpTimeoutException;
import dev.mcpclient.interop.report.Feature;
import dev.mcpclient.interop.report.Interop;
import dev.mcpclient.schema.BlobResourceContents;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.ClientCapabilities;
import dev.mcpclient.schema.CompleteRequest;
import dev.mcpclient.schema.CompleteResult;
import dev.mcpclient.schema.CreateMessageRequest;
import dev.mcpclient.schema.ElicitRequest;
import dev.mcpclient.schema.ElicitResult;
import dev.mcpclient.schema.GetPromptResult;
import dev.mcpclient.schema.ListResourcesResult;
import dev.mcpclient.schema.LoggingLevel;
import dev.mcpclient.schema.LoggingMessageNotification;
import dev.mcpclient.schema.Prompt;
import dev.mcpclient.schema.PromptReference;
import dev.mcpclient.schema.ReadResourceResult;
import dev.mcpclient.schema.Resource;
import dev.mcpclient.schema.ResourceTemplate;
import dev.mcpclient.schema.ResourceUpdatedNotification;
import dev.mcpclient.schema.Root;
import dev.mcpclient.schema.TextResourceContents;
import dev.mcpclient.schema.Content;
import dev.mcpclient.schema.EmbeddedResource;
import dev.mcpclient.schema.ImageContent;
import dev.mcpclient.schema.ProgressNotification;
import dev.mcpclient.schema.ResourceLink;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.schema.Tool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What our client does with {@code @modelcontextprotocol/server-everything}, whatever the transport:
 * its own tests besides those of every peer ({@link PeerContract}); a subclass per transport supplies
 * the client's builder and names the column.
 */
abstract class EverythingContract extends PeerContract {

    @Override
    String serverName() {
        return "mcp-servers/everything";
    }

    @Override
    List<String> someTools() {
        return List.of("echo", "get-sum", "get-tiny-image", "trigger-long-running-operation", "get-structured-content",
                "get-resource-links");
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
    @Interop(Feature.RESOURCES_LIST)
    void listResources() {
        ListResourcesResult resources = client().listResources();

        assertThat(resources.resources()).isNotEmpty();
        assertThat(resources.resources()).extracting(Resource::uri)
                .anyMatch(uri -> uri.startsWith("demo://resource/static/document/"));
    }

    @Test
    @Interop(Feature.RESOURCE_TEMPLATES_LIST)
    void listResourceTemplates() {
        assertThat(client().listResourceTemplates().resourceTemplates()).extracting(ResourceTemplate::uriTemplate)
                .contains("demo://resource/dynamic/text/{resourceId}", "demo://resource/dynamic/blob/{resourceId}");
    }

    @Test
    @Interop(Feature.RESOURCES_READ)
    void readResource() {
        ReadResourceResult text = client().readResource("demo://resource/dynamic/text/7");
        assertThat(text.contents()).singleElement().isInstanceOfSatisfying(TextResourceContents.class, c -> {
            assertThat(c.uri()).isEqualTo("demo://resource/dynamic/text/7");
            assertThat(c.text()).isNotBlank();
        });

        ReadResourceResult blob = client().readResource("demo://resource/dynamic/blob/7");
        assertThat(blob.contents()).singleElement().isInstanceOfSatisfying(BlobResourceContents.class,
                c -> assertThat(c.blob()).isNotBlank());
    }

    @Test
    @Interop(Feature.RESOURCES_SUBSCRIBE)
    void aSubscribedResourceReportsItsUpdates() throws InterruptedException {
        String uri = "demo://resource/dynamic/text/3";
        BlockingQueue<ResourceUpdatedNotification> updates = new LinkedBlockingQueue<>();
        McpClient subscriber = connect(b -> b.onResourceUpdated(updates::add));

        subscriber.subscribeResource(uri);
        // The tool sends an update for every subscribed resource at once, then every 5 s until toggled off.
        subscriber.callTool("toggle-subscriber-updates", Map.of());
        try {
            ResourceUpdatedNotification update = updates.poll(10, TimeUnit.SECONDS);
            assertThat(update).as("notifications/resources/updated").isNotNull();
            assertThat(update.uri()).isEqualTo(uri);
        } finally {
            subscriber.callTool("toggle-subscriber-updates", Map.of());
        }
        subscriber.unsubscribeResource(uri);
    }

    @Test
    @Interop(Feature.PROMPTS_LIST)
    void listPrompts() {
        assertThat(client().listPrompts().prompts()).extracting(Prompt::name)
                .contains("simple-prompt", "args-prompt", "completable-prompt", "resource-prompt");
    }

    @Test
    @Interop(Feature.PROMPTS_GET)
    void getPrompt() {
        GetPromptResult simple = client().getPrompt("simple-prompt", Map.of());
        assertThat(simple.messages()).singleElement().satisfies(m -> assertThat(((TextContent) m.content()).text())
                .isEqualTo("This is a simple prompt without arguments."));

        GetPromptResult withArgs = client().getPrompt("args-prompt", Map.of("city", "Lyon", "state", "Rhône"));
        assertThat(withArgs.messages()).singleElement().satisfies(m -> assertThat(((TextContent) m.content()).text())
                .isEqualTo("What's weather in Lyon, Rhône?"));
    }

    @Test
    @Interop(Feature.COMPLETION)
    void completeAPromptArgument() {
        PromptReference prompt = new PromptReference("completable-prompt", null);

        CompleteResult departments = client().complete(new CompleteRequest(prompt, "department", "S"));
        assertThat(departments.completion().values()).containsExactlyInAnyOrder("Sales", "Support");

        CompleteResult names = client().complete(new CompleteRequest(prompt, new CompleteRequest.Argument("name", "A"),
                new CompleteRequest.Context(Map.of("department", "Engineering")), null));
        assertThat(names.completion().values()).containsExactly("Alice");
    }

    @Test
    @Interop(Feature.LOGGING)
    void theServersLogMessagesReachTheListenerAtTheChosenLevel() throws InterruptedException {
        BlockingQueue<LoggingMessageNotification> messages = new LinkedBlockingQueue<>();
        McpClient logged = connect(b -> b.onLoggingMessage(messages::add));
        logged.setLoggingLevel(LoggingLevel.DEBUG);

        // The tool sends one message of a random level at once (every level passes DEBUG), then every 5 s.
        logged.callTool("toggle-simulated-logging", Map.of());
        try {
            LoggingMessageNotification message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("notifications/message").isNotNull();
            assertThat(message.level()).isNotNull();
            assertThat(message.data().asString()).contains("message");
        } finally {
            logged.callTool("toggle-simulated-logging", Map.of());
        }
    }

    @Test
    @Interop(Feature.SAMPLING)
    void theServerSamplesThroughTheClientsHandler() {
        BlockingQueue<CreateMessageRequest> requests = new LinkedBlockingQueue<>();
        McpClient sampling = connect(b -> b.sampling(request -> {
            requests.add(request);
            return sampled("a sampled answer");
        }));
        sampling.initialize();

        CallToolResult result = sampling.callTool("trigger-sampling-request", Map.of("prompt", "say hi", "maxTokens", 20));

        assertThat(text(result)).contains("a sampled answer").contains("interop-model");
        CreateMessageRequest request = requests.poll();
        assertThat(request).isNotNull();
        assertThat(request.maxTokens()).isEqualTo(20);
        assertThat(((TextContent) request.messages().get(0).content().get(0)).text()).contains("say hi");
    }

    @Test
    @Interop(Feature.ELICITATION_FORM)
    void theServerElicitsAFormThroughTheClientsHandler() {
        BlockingQueue<ElicitRequest> requests = new LinkedBlockingQueue<>();
        McpClient eliciting = connect(b -> b.elicitation(request -> {
            requests.add(request);
            return ElicitResult.accept(Map.of("name", "Ada Lovelace", "check", true));
        }));
        eliciting.initialize();

        CallToolResult result = eliciting.callTool("trigger-elicitation-request", Map.of());

        assertThat(text(result)).contains("User provided the requested information").contains("- Name: Ada Lovelace")
                .contains("- Agreed to terms: true");
        ElicitRequest request = requests.poll();
        assertThat(request).isNotNull();
        assertThat(request.isUrlMode()).isFalse();
        assertThat(request.requestedSchema().path("required").toString()).contains("name");
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

    @Test
    @Interop(Feature.ROOTS)
    void theServerListsTheClientsRoots() {
        McpClient rooted = connect(b -> b.roots(() -> List.of(new Root("file:///tmp/interop-root", "interop root", null))));
        rooted.initialize();

        CallToolResult result = rooted.callTool("get-roots-list", Map.of());

        assertThat(text(result)).contains("file:///tmp/interop-root").contains("interop root");
    }
}
