package dev.mcpclient.schema;

/**
 * A hint for model selection in sampling.
 *
 * @param name a substring of a model name ({@code "sonnet"}, {@code "claude"}); the client may map
 *     it to an equivalent model of another provider, or {@code null}
 * @since 0.2.0
 */
public record ModelHint(String name) {
}
