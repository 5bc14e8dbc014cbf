package dev.mcpclient.samples.springai;

import dev.mcpclient.McpException;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import dev.mcpclient.boot.autoconfigure.ai.McpToolCallbackProvider;
import dev.mcpclient.schema.InitializeResult;
import java.io.PrintStream;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * Connects to every configured MCP server, then asks the model one question through a
 * {@link ChatClient} that offers it the servers' tools, and prints the answer. The exit code is 1
 * when a server could not be used or the chat failed.
 */
@Component
class SpringAiSampleRunner implements ApplicationRunner, ExitCodeGenerator {

    private final McpClientRegistry clients;
    private final ChatModel model;
    private final ChatClient chat;
    private final String question;
    private final PrintStream out = System.out;
    private volatile int exitCode;

    /**
     * The model is the application's {@code ChatModel} bean when there is one (a Spring AI model
     * starter makes it), the {@link DemoChatModel} otherwise. Asking the {@link ObjectProvider} here,
     * once every bean is defined, is what {@code @ConditionalOnMissingBean} would do on an
     * auto-configuration; on a bean of the application it could not see the starters' beans, which
     * are defined after the application's own.
     */
    SpringAiSampleRunner(McpClientRegistry clients, McpToolCallbackProvider mcpTools, ObjectProvider<ChatModel> models,
            @Value("${sample.question}") String question) {
        this.clients = clients;
        this.model = models.getIfAvailable(DemoChatModel::new);
        this.chat = ChatClient.builder(model)
                .defaultToolCallbacks(mcpTools)
                .defaultAdvisors(new ToolLoopPrinter(out))
                .build();
        this.question = question;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String server : clients.names()) {
            try {
                InitializeResult session = clients.client(server).initialize();
                out.printf("MCP server '%s': %s %s, protocol %s%n", server, session.serverInfo().name(),
                        session.serverInfo().version(), session.protocolVersion());
            } catch (McpException e) {
                out.println("MCP server '" + server + "' failed: " + e.getMessage());
                exitCode = 1;
            }
        }
        out.println("Chat model: " + (model instanceof DemoChatModel
                ? "DemoChatModel, this sample's deterministic stand-in, NOT an AI model (no model provider is configured)"
                : model.getClass().getName()));
        out.println("You: " + question);
        try {
            out.println("Model: " + chat.prompt(question).call().content());
        } catch (RuntimeException e) {
            out.println("The chat failed: " + e);
            exitCode = 1;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
