package dev.mcpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpClient;
import dev.mcpclient.interop.report.Feature;
import dev.mcpclient.interop.report.Interop;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.CompleteRequest;
import dev.mcpclient.schema.CompleteResult;
import dev.mcpclient.schema.CreateMessageRequest;
import dev.mcpclient.schema.ElicitResult;
import dev.mcpclient.schema.GetPromptResult;
import dev.mcpclient.schema.LoggingLevel;
import dev.mcpclient.schema.LoggingMessageNotification;
import dev.mcpclient.schema.Prompt;
import dev.mcpclient.schema.PromptReference;
import dev.mcpclient.schema.ReadResourceResult;
import dev.mcpclient.schema.Resource;
import dev.mcpclient.schema.ResourceTemplate;
import dev.mcpclient.schema.ResourceUpdatedNotification;
import dev.mcpclient.schema.Root;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.schema.TextResourceContents;
import dev.mcpclient.schema.ProgressNotification;
import dev.mcpclient.schema.Tool;
import dev.mcpclient.testing.SdkServer;
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
 * What our client does with the official Java SDK's server ({@link SdkServer}), whatever the transport:
 * its own tests besides those of every peer ({@link PeerContract}); a subclass per transport supplies
 * the client's builder and names the column.
 */
abstract class SdkServerContract extends PeerContract {

    @Override
    String serverName() {
        return "sdk-test-server";
    }

    @Override
    List<String> someTools() {
        return List.of("echo", "add", "fail", "count", "weather", "sample");
    }

    @Test
    @Interop(Feature.TOOLS_CALL)
    void callTool() {
        assertThat(text(client().callTool("echo", Map.of("text", "hello sdk")))).isEqualTo("hello sdk");
        assertThat(text(client().callTool("add", Map.of("a", 2, "b", 40)))).isEqualTo("42");
    }

    @Test
    @Interop(Feature.TOOLS_CALL_ERROR)
    void aToolsOwnErrorIsAResultNotAnException() {
        CallToolResult result = client().callTool("fail", Map.of());

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("this tool always fails");
    }

    @Test
    @Interop(Feature.PROGRESS)
    void aToolReportsItsProgressToTheCall() throws InterruptedException {
        List<ProgressNotification> seen = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(3);

        CallToolResult result = client().callTool("count", Map.of("steps", 3),
                CallOptions.withTimeout(Duration.ofSeconds(10)).progress(p -> {
                    seen.add(p);
                    all.countDown();
                }));

        assertThat(text(result)).isEqualTo("counted to 3");
        assertThat(all.await(5, TimeUnit.SECONDS)).as("3 progress notifications").isTrue();
        assertThat(seen).extracting(ProgressNotification::progress).containsExactly(1.0, 2.0, 3.0);
        assertThat(seen).extracting(ProgressNotification::message).containsExactly("step 1 of 3", "step 2 of 3", "step 3 of 3");
    }

    @Test
    @Interop(Feature.STRUCTURED_CONTENT)
    void structuredContentComesWithTheToolsOutputSchema() {
        Tool weather = client().listTools().tools().stream().filter(t -> t.name().equals("weather")).findFirst().orElseThrow();
        assertThat(weather.outputSchema().path("required").toString()).contains("temperature");

        CallToolResult result = client().callTool("weather", Map.of("city", "Lyon"));

        assertThat(result.structuredContent().path("city").asString()).isEqualTo("Lyon");
        assertThat(result.structuredContent().path("temperature").asDouble()).isEqualTo(21.5);
    }

    @Test
    @Interop(Feature.RESOURCES_LIST)
    void listResources() {
        assertThat(client().listResources().resources()).extracting(Resource::uri).containsExactly(SdkServer.README);
    }

    @Test
    @Interop(Feature.RESOURCE_TEMPLATES_LIST)
    void listResourceTemplates() {
        assertThat(client().listResourceTemplates().resourceTemplates()).extracting(ResourceTemplate::uriTemplate)
                .containsExactly("file:///sdk/notes/{name}");
    }

    @Test
    @Interop(Feature.RESOURCES_READ)
    void readResource() {
        ReadResourceResult readme = client().readResource(SdkServer.README);

        assertThat(readme.contents()).singleElement().isInstanceOfSatisfying(TextResourceContents.class,
                c -> assertThat(c.text()).isEqualTo("hello from the Java SDK"));
    }

    @Test
    @Interop(Feature.RESOURCES_SUBSCRIBE)
    void aSubscribedResourceReportsItsUpdates() throws InterruptedException {
        BlockingQueue<ResourceUpdatedNotification> updates = new LinkedBlockingQueue<>();
        McpClient subscriber = connect(b -> b.onResourceUpdated(updates::add));

        subscriber.subscribeResource(SdkServer.README);
        awaitServerNotificationRoute(subscriber);
        subscriber.callTool("touch", Map.of());

        ResourceUpdatedNotification update = updates.poll(10, TimeUnit.SECONDS);
        assertThat(update).as("notifications/resources/updated").isNotNull();
        assertThat(update.uri()).isEqualTo(SdkServer.README);
        subscriber.unsubscribeResource(SdkServer.README);
    }

    @Test
    @Interop(Feature.PROMPTS_LIST)
    void listPrompts() {
        assertThat(client().listPrompts().prompts()).extracting(Prompt::name).containsExactly("greeting");
    }

    @Test
    @Interop(Feature.PROMPTS_GET)
    void getPrompt() {
        GetPromptResult greeting = client().getPrompt("greeting", Map.of("name", "Ada"));

        assertThat(greeting.messages()).singleElement()
                .satisfies(m -> assertThat(((TextContent) m.content()).text()).isEqualTo("Hello, Ada!"));
    }

    @Test
    @Interop(Feature.COMPLETION)
    void completeAPromptArgument() {
        CompleteResult names = client().complete(new CompleteRequest(new PromptReference("greeting", null), "name", "A"));

        assertThat(names.completion().values()).containsExactly("Ada", "Alan");
    }

    @Test
    @Interop(Feature.LOGGING)
    void theServersLogMessagesReachTheListener() throws InterruptedException {
        BlockingQueue<LoggingMessageNotification> messages = new LinkedBlockingQueue<>();
        McpClient logged = connect(b -> b.onLoggingMessage(messages::add));
        logged.setLoggingLevel(LoggingLevel.INFO);

        logged.callTool("log", Map.of("message", "disk almost full"));

        LoggingMessageNotification message = messages.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("notifications/message").isNotNull();
        assertThat(message.level()).isEqualTo(LoggingLevel.WARNING);
        assertThat(message.logger()).isEqualTo("sdk");
        assertThat(message.data().asString()).isEqualTo("disk almost full");
    }

    @Test
    @Interop(Feature.SAMPLING)
    void theServerSamplesThroughTheClientsHandler() {
        BlockingQueue<CreateMessageRequest> requests = new LinkedBlockingQueue<>();
        McpClient sampling = connect(b -> b.sampling(request -> {
            requests.add(request);
            return sampled("42");
        }));

        CallToolResult result = sampling.callTool("sample", Map.of("question", "6 times 7?"));

        assertThat(text(result)).isEqualTo("sampled: 42 by interop-model");
        assertThat(((TextContent) requests.poll().messages().get(0).content().get(0)).text()).isEqualTo("6 times 7?");
    }

    @Test
    @Interop(Feature.ELICITATION_FORM)
    void theServerElicitsAFormThroughTheClientsHandler() {
        McpClient eliciting = connect(b -> b.elicitation(request -> ElicitResult.accept(Map.of("name", "Grace"))));

        CallToolResult result = eliciting.callTool("elicit", Map.of());

        assertThat(text(result)).isEqualTo("elicited: ACCEPT {name=Grace}");
    }

    @Test
    @Interop(Feature.ROOTS)
    void theServerListsTheClientsRoots() {
        McpClient rooted = connect(b -> b.roots(() -> List.of(new Root("file:///tmp/interop-root", "interop root", null))));

        CallToolResult result = rooted.callTool("roots", Map.of());

        assertThat(text(result)).isEqualTo("roots: [file:///tmp/interop-root (interop root)]");
    }
}
