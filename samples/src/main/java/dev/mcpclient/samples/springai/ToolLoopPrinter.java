package dev.mcpclient.samples.springai;

import dev.mcpclient.boot.autoconfigure.ai.McpToolCallback;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.core.Ordered;

/**
 * Prints Spring AI's tool loop as it runs: the tools offered to the model, each tool call the model
 * asks for, and each answer that came back from an MCP server. It works with any model.
 *
 * <p>It sits at the inner end of the advisor chain, next to the model: inside the
 * {@code ToolCallingAdvisor} that {@code ChatClient} adds, which runs the loop (model, tools, model
 * again) and passes every round through here.
 */
final class ToolLoopPrinter implements CallAdvisor {

    private final PrintStream out;

    ToolLoopPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
        List<ToolCallback> tools = request.prompt().getOptions() instanceof ToolCallingChatOptions options
                && options.getToolCallbacks() != null ? options.getToolCallbacks() : List.of();
        Message last = request.prompt().getLastUserOrToolResponseMessage();
        if (last instanceof ToolResponseMessage responses) {
            for (ToolResponseMessage.ToolResponse response : responses.getResponses()) {
                out.println("  " + origin(response.name(), tools) + " answered: " + response.responseData());
            }
        } else {
            out.println("  tools offered to the model: "
                    + tools.stream().map(tool -> tool.getToolDefinition().name()).collect(Collectors.joining(", ")));
        }
        ChatClientResponse response = chain.nextCall(request);
        ChatResponse chat = response.chatResponse();
        if (chat != null) {
            for (Generation generation : chat.getResults()) {
                for (AssistantMessage.ToolCall call : generation.getOutput().getToolCalls()) {
                    out.println("  the model calls the tool " + call.name() + " with " + call.arguments());
                }
            }
        }
        return response;
    }

    /** Which MCP server (and which of its tools) a tool the model called belongs to. */
    private static String origin(String name, List<ToolCallback> tools) {
        return tools.stream()
                .filter(tool -> tool instanceof McpToolCallback && tool.getToolDefinition().name().equals(name))
                .map(tool -> (McpToolCallback) tool)
                .map(tool -> "MCP server '" + tool.server() + "' (its tool " + tool.tool().name() + ")")
                .findFirst()
                .orElse("the tool " + name);
    }

    @Override
    public String getName() {
        return "ToolLoopPrinter";
    }

    /** Just before the model: inside the tool loop, so every round passes here. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
