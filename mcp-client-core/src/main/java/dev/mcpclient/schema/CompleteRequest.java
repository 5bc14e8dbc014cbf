package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The params of {@code completion/complete}: ask for completions of one argument's value.
 *
 * @param ref the prompt or resource template the argument belongs to
 * @param argument the argument and its partial value
 * @param context values of other arguments already resolved (2025-06-18), or {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record CompleteRequest(
        CompleteReference ref,
        Argument argument,
        Context context,
        @JsonProperty("_meta") Map<String, Object> meta) {

    /** A request for completions of {@code argumentName}, whose value so far is {@code argumentValue}. */
    public CompleteRequest(CompleteReference ref, String argumentName, String argumentValue) {
        this(ref, new Argument(argumentName, argumentValue), null, null);
    }

    /**
     * The argument being completed.
     *
     * @param name the argument's name
     * @param value the value typed so far, to match completions against
     */
    public record Argument(String name, String value) {
    }

    /**
     * Additional context for completion.
     *
     * @param arguments previously resolved variables of the URI template or prompt, or {@code null}
     */
    public record Context(Map<String, String> arguments) {
    }
}
