package dev.mcpclient.boot.autoconfigure.ai;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A chat model that plays a script, one step per call of the model, and keeps every prompt it was
 * given: a step asks for tool calls (as a real model's answer would), or answers with the tool
 * responses Spring AI sent back, so a test can read what reached the model. Streaming answers are
 * emitted on a non-blocking thread, as a model client on Netty emits them.
 */
final class ScriptedChatModel implements ChatModel {

    private final Queue<Function<Prompt, AssistantMessage>> steps = new ConcurrentLinkedQueue<>();
    private final List<Prompt> prompts = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    /** Next, the model asks for a call of {@code tool} with these arguments (JSON). */
    ScriptedChatModel callTool(String tool, String arguments) {
        steps.add(prompt -> AssistantMessage.builder()
                .toolCalls(List.of(new AssistantMessage.ToolCall("call-" + ids.incrementAndGet(), "function", tool,
                        arguments)))
                .build());
        return this;
    }

    /** Next, the model answers with the tool responses it got: one line per response, {@code <tool> -> <text>}. */
    ScriptedChatModel answerWithToolResults() {
        steps.add(prompt -> {
            List<Message> messages = prompt.getInstructions();
            Message last = messages.get(messages.size() - 1);
            if (!(last instanceof ToolResponseMessage responses)) {
                throw new AssertionError("the model expected tool responses, got " + last);
            }
            return new AssistantMessage(responses.getResponses().stream()
                    .map(response -> response.name() + " -> " + response.responseData())
                    .collect(Collectors.joining("\n")));
        });
        return this;
    }

    /** Next, the model answers {@code text}. */
    ScriptedChatModel answer(String text) {
        steps.add(prompt -> new AssistantMessage(text));
        return this;
    }

    /** The names of the tools the model was offered in its {@code index}-th call (from 0). */
    List<String> toolsOffered(int index) {
        return toolCallbacks(index).stream().map(callback -> callback.getToolDefinition().name()).toList();
    }

    /** The tools the model was offered in its {@code index}-th call (from 0). */
    List<ToolCallback> toolCallbacks(int index) {
        ChatOptions options = prompts.get(index).getOptions();
        List<ToolCallback> callbacks = options instanceof ToolCallingChatOptions tools ? tools.getToolCallbacks() : null;
        return callbacks == null ? List.of() : new ArrayList<>(callbacks);
    }

    /** How many times the model was called. */
    int calls() {
        return prompts.size();
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        prompts.add(prompt);
        Function<Prompt, AssistantMessage> step = steps.poll();
        if (step == null) {
            throw new AssertionError("the script has no step left for " + prompt.getInstructions());
        }
        return new ChatResponse(List.of(new Generation(step.apply(prompt))));
    }

    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        return Mono.fromCallable(() -> call(prompt)).subscribeOn(Schedulers.parallel()).flux();
    }

    @Override
    public ChatOptions getOptions() {
        return ToolCallingChatOptions.builder().build();
    }
}
