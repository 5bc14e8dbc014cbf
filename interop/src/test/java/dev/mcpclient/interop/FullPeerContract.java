package dev.mcpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpClient;
import dev.mcpclient.interop.report.Feature;
import dev.mcpclient.interop.report.Interop;
import dev.mcpclient.schema.BlobResourceContents;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.CompleteRequest;
import dev.mcpclient.schema.CreateMessageRequest;
import dev.mcpclient.schema.ElicitRequest;
import dev.mcpclient.schema.ElicitResult;
import dev.mcpclient.schema.GetPromptResult;
import dev.mcpclient.schema.ListToolsResult;
import dev.mcpclient.schema.LoggingLevel;
import dev.mcpclient.schema.LoggingMessageNotification;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.ProgressNotification;
import dev.mcpclient.schema.Prompt;
import dev.mcpclient.schema.ReadResourceResult;
import dev.mcpclient.schema.Resource;
import dev.mcpclient.schema.ResourceContents;
import dev.mcpclient.schema.ResourceTemplate;
import dev.mcpclient.schema.ResourceUpdatedNotification;
import dev.mcpclient.schema.Root;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.schema.TextResourceContents;
import dev.mcpclient.schema.Tool;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What our client does with a full-featured peer (tools, resources, prompts, completions, logging, and
 * the requests a server makes of its client), whatever the peer and the transport: each test body once,
 * the peer's facts from its contract ({@link EverythingContract}, {@link SdkServerContract},
 * {@link ModernPeerContract}).
 */
abstract class FullPeerContract extends PeerContract {

    /** The root every client of these tests offers. */
    static final Root ROOT = new Root("file:///tmp/interop-root", "interop root", null);

    // ---------------------------------------------------------------- the peer's facts

    @Override
    List<String> declaredCapabilities() {
        return List.of("tools", "resources", "prompts", "logging");
    }

    /** A call whose result is the tool's own error, and what that says. */
    abstract ToolCall failingCall();

    /** A call of a tool that reports its progress, and the message of each step ({@code null}: none). */
    record Progressing(ToolCall call, List<String> messages) {
    }

    abstract Progressing progressing();

    /** A call of a tool with an output schema, and the structured content it returns (JSON). */
    record Structured(ToolCall call, String content) {
    }

    abstract Structured structured();

    /** Every resource the peer lists, in its order. */
    abstract List<String> resources();

    /** Every resource template the peer lists, in its order. */
    abstract List<String> resourceTemplates();

    /** A resource to read: text or blob (decoded from base64 as UTF-8), and what that says as a whole. */
    record ResourceText(String uri, boolean blob, Pattern text) {
    }

    abstract List<ResourceText> resourceTexts();

    /** A resource the peer tells its subscribers about. */
    abstract String updatedResource();

    /** Makes the peer update the resources {@code subscriber} subscribed to; closing the handle stops the updates. */
    abstract AutoCloseable updateResources(McpClient subscriber);

    /** Every prompt the peer lists, in its order. */
    abstract List<String> prompts();

    /** A prompt with arguments, and the text of its one message. */
    record PromptText(String name, Map<String, String> arguments, String text) {
    }

    abstract List<PromptText> promptTexts();

    /** A completion request, and the values of its answer in order. */
    record Completion(CompleteRequest request, List<String> values) {
    }

    abstract List<Completion> completions();

    /** The level the client sets for the peer's log messages. */
    abstract LoggingLevel logLevel();

    /** Makes the peer log to {@code client}; closing the handle stops further messages. */
    abstract AutoCloseable logMessages(McpClient client);

    /** The log message the peer sends: one of these levels, from this logger ({@code null}: none), with this data. */
    record LogMessage(Set<LoggingLevel> levels, String logger, Pattern data) {
    }

    abstract LogMessage logMessage();

    /**
     * A call that makes the peer sample through the client: the answer the client's handler gives, what
     * the tool then says, and the prompt and token limit of the sampling request.
     */
    record Sampling(String answer, ToolCall call, String prompt, int maxTokens) {
    }

    abstract Sampling sampling();

    /**
     * A call that makes the peer ask the client for a form: the fields the form requires, what the
     * client's handler accepts it with, and what the tool then says.
     */
    record Eliciting(List<String> required, Map<String, Object> answer, ToolCall call) {
    }

    abstract Eliciting eliciting();

    /** A call that makes the peer list the client's roots ({@link #ROOT}) and say them. */
    abstract ToolCall rootsCall();

    // ---------------------------------------------------------------- tests

    @Test
    @Interop(Feature.PING)
    void ping() {
        client().ping();
        client().ping(CallOptions.withTimeout(Duration.ofSeconds(5)));
    }

    @Test
    @Interop(Feature.TOOLS_LIST_CURSOR)
    void listToolsWithoutACursorGetsTheFirstPage() {
        ListToolsResult firstPage = client().listTools(null, CallOptions.defaults());

        // These peers send every tool in one page: the first page is the whole list.
        assertThat(firstPage.tools()).extracting(Tool::name).isEqualTo(client().listTools().tools().stream()
                .map(Tool::name).toList());
    }

    @Test
    @Interop(Feature.TOOLS_CALL_ERROR)
    void aToolsOwnErrorIsAResultNotAnException() {
        CallToolResult result = failingCall().callWith(client());

        assertThat(result.isError()).isTrue();
    }

    @Test
    @Interop(Feature.PROGRESS)
    void aToolReportsItsProgressToTheCall() throws InterruptedException {
        ToolCall call = progressing().call();
        List<String> messages = progressing().messages();
        List<ProgressNotification> seen = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(messages.size());

        CallToolResult result = client().callTool(call.tool(), call.arguments(),
                CallOptions.withTimeout(Duration.ofSeconds(20)).progress(p -> {
                    seen.add(p);
                    all.countDown();
                }));

        assertThat(text(result)).matches(call.text());
        assertThat(all.await(5, TimeUnit.SECONDS)).as("%s progress notifications", messages.size()).isTrue();
        assertThat(seen).extracting(ProgressNotification::progress)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, messages.size()).mapToObj(i -> (double) i).toList());
        assertThat(seen).extracting(ProgressNotification::total).containsOnly((double) messages.size());
        assertThat(seen).extracting(ProgressNotification::message).containsExactlyElementsOf(messages);
    }

    @Test
    @Interop(Feature.STRUCTURED_CONTENT)
    void structuredContentComesWithTheToolsOutputSchema() {
        JsonNode expected = McpJson.mapper().readTree(structured().content());
        Tool tool = client().listTools().tools().stream().filter(t -> t.name().equals(structured().call().tool()))
                .findFirst().orElseThrow();
        assertThat(tool.outputSchema().path("properties").propertyNames())
                .containsExactlyInAnyOrderElementsOf(expected.propertyNames());
        assertThat(tool.outputSchema().path("required").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrderElementsOf(expected.propertyNames());

        CallToolResult result = structured().call().callWith(client());

        assertThat(result.isError()).isFalse();
        assertThat(result.structuredContent()).isEqualTo(expected);
    }

    @Test
    @Interop(Feature.RESOURCES_LIST)
    void listResources() {
        assertThat(client().listResources().resources()).extracting(Resource::uri).containsExactlyElementsOf(resources());
    }

    @Test
    @Interop(Feature.RESOURCE_TEMPLATES_LIST)
    void listResourceTemplates() {
        assertThat(client().listResourceTemplates().resourceTemplates()).extracting(ResourceTemplate::uriTemplate)
                .containsExactlyElementsOf(resourceTemplates());
    }

    @Test
    @Interop(Feature.RESOURCES_READ)
    void readResource() {
        for (ResourceText expected : resourceTexts()) {
            ReadResourceResult read = client().readResource(expected.uri());

            assertThat(read.contents()).as(expected.uri()).hasSize(1);
            ResourceContents contents = read.contents().get(0);
            assertThat(contents).isInstanceOf(expected.blob() ? BlobResourceContents.class : TextResourceContents.class);
            assertThat(contents.uri()).isEqualTo(expected.uri());
            String text = expected.blob()
                    ? new String(Base64.getDecoder().decode(((BlobResourceContents) contents).blob()), StandardCharsets.UTF_8)
                    : ((TextResourceContents) contents).text();
            assertThat(text).as(expected.uri()).matches(expected.text());
        }
    }

    @Test
    @Interop(Feature.RESOURCES_SUBSCRIBE)
    void aSubscribedResourceReportsItsUpdates() throws Exception {
        BlockingQueue<ResourceUpdatedNotification> updates = new LinkedBlockingQueue<>();
        McpClient subscriber = connect(b -> b.onResourceUpdated(updates::add));

        subscriber.subscribeResource(updatedResource());
        awaitServerNotificationRoute(subscriber);
        AutoCloseable updating = updateResources(subscriber);
        try {
            ResourceUpdatedNotification update = updates.poll(10, TimeUnit.SECONDS);
            assertThat(update).as("notifications/resources/updated").isNotNull();
            assertThat(update.uri()).isEqualTo(updatedResource());
        } finally {
            updating.close();
        }
        subscriber.unsubscribeResource(updatedResource());
    }

    @Test
    @Interop(Feature.PROMPTS_LIST)
    void listPrompts() {
        assertThat(client().listPrompts().prompts()).extracting(Prompt::name).containsExactlyElementsOf(prompts());
    }

    @Test
    @Interop(Feature.PROMPTS_GET)
    void getPrompt() {
        for (PromptText expected : promptTexts()) {
            GetPromptResult prompt = client().getPrompt(expected.name(), expected.arguments());

            assertThat(prompt.messages()).as(expected.name()).singleElement()
                    .satisfies(m -> assertThat(((TextContent) m.content()).text()).isEqualTo(expected.text()));
        }
    }

    @Test
    @Interop(Feature.COMPLETION)
    void completeAPromptArgument() {
        for (Completion expected : completions()) {
            assertThat(client().complete(expected.request()).completion().values()).as("%s", expected.request())
                    .containsExactlyElementsOf(expected.values());
        }
    }

    @Test
    @Interop(Feature.LOGGING)
    void theServersLogMessagesReachTheListenerAtTheChosenLevel() throws Exception {
        BlockingQueue<LoggingMessageNotification> messages = new LinkedBlockingQueue<>();
        McpClient logged = connect(b -> b.onLoggingMessage(messages::add));
        logged.setLoggingLevel(logLevel());

        AutoCloseable logging = logMessages(logged);
        try {
            LoggingMessageNotification message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("notifications/message").isNotNull();
            assertThat(message.level()).isIn(logMessage().levels());
            assertThat(message.logger()).isEqualTo(logMessage().logger());
            assertThat(message.data().asString()).matches(logMessage().data());
        } finally {
            logging.close();
        }
    }

    @Test
    @Interop(Feature.SAMPLING)
    void theServerSamplesThroughTheClientsHandler() {
        BlockingQueue<CreateMessageRequest> requests = new LinkedBlockingQueue<>();
        McpClient sampled = connect(b -> b.sampling(request -> {
            requests.add(request);
            return sampled(sampling().answer());
        }));
        sampled.initialize();

        sampling().call().callWith(sampled);

        CreateMessageRequest request = requests.poll();
        assertThat(request).isNotNull();
        assertThat(request.maxTokens()).isEqualTo(sampling().maxTokens());
        assertThat(((TextContent) request.messages().get(0).content().get(0)).text()).isEqualTo(sampling().prompt());
    }

    @Test
    @Interop(Feature.ELICITATION_FORM)
    void theServerElicitsAFormThroughTheClientsHandler() {
        BlockingQueue<ElicitRequest> requests = new LinkedBlockingQueue<>();
        McpClient asked = connect(b -> b.elicitation(request -> {
            requests.add(request);
            return ElicitResult.accept(eliciting().answer());
        }));
        asked.initialize();

        eliciting().call().callWith(asked);

        ElicitRequest request = requests.poll();
        assertThat(request).isNotNull();
        assertThat(request.isUrlMode()).isFalse();
        List<String> required = new ArrayList<>();
        request.requestedSchema().path("required").forEach(field -> required.add(field.asString()));
        assertThat(required).containsExactlyElementsOf(eliciting().required());
    }

    @Test
    @Interop(Feature.ROOTS)
    void theServerListsTheClientsRoots() {
        McpClient rooted = connect(b -> b.roots(() -> List.of(ROOT)));
        rooted.initialize();

        rootsCall().callWith(rooted);
    }
}
