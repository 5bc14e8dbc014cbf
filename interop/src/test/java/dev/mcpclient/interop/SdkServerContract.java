package dev.mcpclient.interop;

import dev.mcpclient.McpClient;
import dev.mcpclient.interop.report.Peer;
import dev.mcpclient.schema.CompleteRequest;
import dev.mcpclient.schema.LoggingLevel;
import dev.mcpclient.schema.PromptReference;
import dev.mcpclient.schema.ProtocolVersions;
import dev.mcpclient.testing.SdkServer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The official Java SDK's server ({@link SdkServer}): its facts for the tests of every full-featured
 * peer ({@link FullPeerContract}); a class per transport names the column.
 */
abstract class SdkServerContract extends FullPeerContract {

    @Override
    String serverName() {
        return SdkServer.NAME;
    }

    @Override
    List<String> acceptedVersions() {
        // The SDK's HTTP+SSE servlet speaks only the revision of that transport.
        return column() == Peer.JAVA_SDK_SSE ? List.of(ProtocolVersions.V2024_11_05) : super.acceptedVersions();
    }

    @Override
    List<String> tools() {
        return SdkServer.TOOLS;
    }

    @Override
    boolean listsOnlyTheseTools() {
        return true;
    }

    @Override
    List<ToolCall> toolCalls() {
        return List.of(new ToolCall("echo", Map.of("text", "hello sdk"), exactly("hello sdk")),
                new ToolCall("add", Map.of("a", 2, "b", 40), exactly("42")));
    }

    @Override
    ToolCall failingCall() {
        return new ToolCall("fail", Map.of(), exactly("this tool always fails"));
    }

    @Override
    Progressing progressing() {
        return new Progressing(new ToolCall("count", Map.of("steps", 3), exactly("counted to 3")),
                List.of("step 1 of 3", "step 2 of 3", "step 3 of 3"));
    }

    @Override
    Structured structured() {
        String weather = "{\"city\":\"Lyon\",\"temperature\":21.5}";
        return new Structured(new ToolCall("weather", Map.of("city", "Lyon"), exactly(weather)), weather);
    }

    @Override
    List<String> resources() {
        return List.of(SdkServer.README);
    }

    @Override
    List<String> resourceTemplates() {
        return List.of(SdkServer.NOTES_TEMPLATE);
    }

    @Override
    List<ResourceText> resourceTexts() {
        return List.of(new ResourceText(SdkServer.README, false, exactly(SdkServer.README_TEXT)));
    }

    @Override
    String updatedResource() {
        return SdkServer.README;
    }

    @Override
    AutoCloseable updateResources(McpClient subscriber) {
        // One update of the README per call.
        subscriber.callTool("touch", Map.of());
        return () -> { };
    }

    @Override
    List<String> prompts() {
        return List.of("greeting");
    }

    @Override
    List<PromptText> promptTexts() {
        return List.of(new PromptText("greeting", Map.of("name", "Ada"), "Hello, Ada!"));
    }

    @Override
    List<Completion> completions() {
        return List.of(new Completion(new CompleteRequest(new PromptReference("greeting", null), "name", "A"),
                List.of("Ada", "Alan")));
    }

    @Override
    LoggingLevel logLevel() {
        return LoggingLevel.INFO;
    }

    @Override
    AutoCloseable logMessages(McpClient client) {
        // One warning per call.
        client.callTool("log", Map.of("message", "disk almost full"));
        return () -> { };
    }

    @Override
    LogMessage logMessage() {
        return new LogMessage(Set.of(LoggingLevel.WARNING), SdkServer.LOGGER, exactly("disk almost full"));
    }

    @Override
    Sampling sampling() {
        return new Sampling("42", new ToolCall("sample", Map.of("question", "6 times 7?"),
                exactly("sampled: 42 by interop-model")), "6 times 7?", 50);
    }

    @Override
    Eliciting eliciting() {
        return new Eliciting(List.of("name"), Map.of("name", "Grace"),
                new ToolCall("elicit", Map.of(), exactly("elicited: ACCEPT {name=Grace}")));
    }

    @Override
    ToolCall rootsCall() {
        return new ToolCall("roots", Map.of(), exactly("roots: [file:///tmp/interop-root (interop root)]"));
    }
}
