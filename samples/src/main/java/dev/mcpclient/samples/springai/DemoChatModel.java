package dev.mcpclient.samples.springai;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * NOT AN AI MODEL: the sample's deterministic stand-in for one, used only when the application has
 * no {@code ChatModel} bean (no model provider is configured), so that the sample runs anywhere and
 * still shows Spring AI's tool loop with real MCP calls.
 *
 * <p>It plays a model's two moves by fixed rules, without understanding anything:
 * <ol>
 * <li>given a question, it looks among the tools it is offered for one named {@code add} (or
 * {@code <server>_add}, the demo server's tool) and asks for a call of it with the first two whole
 * numbers of the question as {@code a} and {@code b};</li>
 * <li>given the tool's response, it answers with what the tool said, word for word. It never
 * computes anything itself: whatever number it reports came from the MCP server.</li>
 * </ol>
 * Any other question gets an answer saying what it can do. Every answer starts with {@value #LABEL}.
 */
final class DemoChatModel implements ChatModel {

    /** What every answer of this model starts with. */
    static final String LABEL = "[demo model, not an AI]";

    private static final Logger log = LoggerFactory.getLogger(DemoChatModel.class);
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,15}");

    DemoChatModel() {
        log.warn("No ChatModel is configured: using DemoChatModel, the sample's deterministic stand-in, which is not "
                + "an AI model. Build with -Popenai or -Pollama to use a real one (docs/spring-ai.md, 'Sample').");
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        Message last = prompt.getLastUserOrToolResponseMessage();
        AssistantMessage answer = last instanceof ToolResponseMessage responses ? report(responses)
                : askForTool(prompt, last.getText() == null ? "" : last.getText());
        return new ChatResponse(List.of(new Generation(answer)));
    }

    /** The first move: a call of the {@code add} tool with the question's numbers, when both are there. */
    private static AssistantMessage askForTool(Prompt prompt, String question) {
        Optional<String> add = offeredTools(prompt).stream()
                .filter(name -> name.equals("add") || name.endsWith("_add"))
                .findFirst();
        List<String> numbers = WHOLE_NUMBER.matcher(question).results().map(match -> match.group()).toList();
        if (add.isEmpty() || numbers.size() < 2) {
            return new AssistantMessage(LABEL + " I can only add two whole numbers, with an MCP tool named add; "
                    + (add.isEmpty() ? "no such tool is offered to me." : "your question does not have two."));
        }
        String arguments = "{\"a\":" + numbers.get(0) + ",\"b\":" + numbers.get(1) + "}";
        return AssistantMessage.builder()
                .toolCalls(List.of(new AssistantMessage.ToolCall("demo-call-1", "function", add.get(), arguments)))
                .build();
    }

    /** The second move: the tools' responses, as they came. */
    private static AssistantMessage report(ToolResponseMessage responses) {
        return new AssistantMessage(LABEL + " " + responses.getResponses().stream()
                .map(response -> "The tool " + response.name() + " answered: " + response.responseData())
                .collect(Collectors.joining(" ")));
    }

    private static List<String> offeredTools(Prompt prompt) {
        List<ToolCallback> tools = prompt.getOptions() instanceof ToolCallingChatOptions options
                ? options.getToolCallbacks() : null;
        return tools == null ? List.of() : tools.stream().map(tool -> tool.getToolDefinition().name()).toList();
    }

    /**
     * Tool-calling options: {@code ChatClient} puts the tools into a prompt only when the model's
     * options are {@link ToolCallingChatOptions}; with plain {@code ChatOptions} it would offer none.
     */
    @Override
    public ChatOptions getOptions() {
        return ToolCallingChatOptions.builder().build();
    }
}
