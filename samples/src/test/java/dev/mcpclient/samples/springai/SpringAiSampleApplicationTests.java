package dev.mcpclient.samples.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.samples.quickstart.DemoMcpServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;

/** The Spring AI sample's main path, as its one command runs it, and with a server or a model given to it. */
@ExtendWith(OutputCaptureExtension.class)
class SpringAiSampleApplicationTests {

    @Test
    void withNoConfigurationTheDemoModelCallsTheDemoServersToolAndAnswersWithItsResult(CapturedOutput output) {
        int exitCode = SpringAiSampleApplication.run();

        assertThat(exitCode).isZero();
        assertThat(output.getOut())
                .contains("No MCP server configured: started the demo server (official MCP Java SDK) at http://127.0.0.1:")
                .contains("MCP server 'demo': demo-server 1.0")
                .contains("Chat model: DemoChatModel, this sample's deterministic stand-in, NOT an AI model")
                .contains("You: What is 19 + 23? Use the add tool.")
                .contains("  tools offered to the model: greet, add, countdown")
                .contains("  the model calls the tool add with {\"a\":19,\"b\":23}")
                .contains("  MCP server 'demo' (its tool add) answered: 42")
                .contains("Model: [demo model, not an AI] The tool add answered: 42");
        assertThat(output.getErr() + output.getOut()).contains("using DemoChatModel, the sample's deterministic stand-in");
    }

    @Test
    void theModelsToolCallReachesTheServerItIsGivenAndItsResultIsTheAnswer(CapturedOutput output) {
        DemoMcpServer server = new DemoMcpServer("their-server", 0, Duration.ofMillis(1));
        try {
            int exitCode = SpringAiSampleApplication.run("--mcp.client.servers.theirs.url=" + server.url(),
                    "--sample.question=And 1234 plus 8765?");

            assertThat(exitCode).isZero();
            assertThat(server.toolCalls()).containsExactly("add {a=1234, b=8765}");
            assertThat(output.getOut()).doesNotContain("started the demo server")
                    .contains("MCP server 'theirs': their-server 1.0")
                    .contains("  MCP server 'theirs' (its tool add) answered: 9999")
                    .contains("Model: [demo model, not an AI] The tool add answered: 9999");
        } finally {
            server.destroy();
        }
    }

    @Test
    void aChatModelOfTheApplicationTakesTheDemoModelsPlace(CapturedOutput output) {
        SpringApplication application = SpringAiSampleApplication.application(SpringAiSampleApplication.class,
                ProviderModel.class);
        int exitCode = SpringApplication.exit(application.run());

        assertThat(exitCode).isZero();
        assertThat(output.getOut()).doesNotContain("DemoChatModel").doesNotContain("[demo model")
                .contains("Chat model: " + FixedAnswerModel.class.getName())
                .contains("  tools offered to the model: greet, add, countdown")
                .contains("Model: the provider's answer");
    }

    @Test
    void aServerThatCannotBeReachedMakesTheExitCodeOneAndOffersNoTools(CapturedOutput output) {
        int exitCode = SpringAiSampleApplication.run("--mcp.client.servers.nowhere.url=http://127.0.0.1:9/mcp");

        assertThat(exitCode).isOne();
        assertThat(output.getOut()).contains("MCP server 'nowhere' failed: ")
                .contains("  tools offered to the model: " + System.lineSeparator())
                .contains("Model: [demo model, not an AI] I can only add two whole numbers, with an MCP tool named add; "
                        + "no such tool is offered to me.");
    }

    /** What a model starter does: a {@code ChatModel} bean. Not a component, so the sample's scan does not find it. */
    static class ProviderModel {

        @Bean
        ChatModel providerChatModel() {
            return new FixedAnswerModel();
        }
    }

    /** A model that answers the same, whatever it is asked. */
    static final class FixedAnswerModel implements ChatModel {

        @Override
        public ChatResponse call(Prompt prompt) {
            return new ChatResponse(List.of(new Generation(new AssistantMessage("the provider's answer"))));
        }

        @Override
        public ChatOptions getOptions() {
            return ToolCallingChatOptions.builder().build();
        }
    }
}
