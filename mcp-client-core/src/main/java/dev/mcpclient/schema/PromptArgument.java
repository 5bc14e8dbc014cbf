package dev.mcpclient.schema;

/**
 * An argument a prompt template accepts.
 *
 * @param name programmatic name
 * @param title human-readable display name, or {@code null}
 * @param description what the argument means, or {@code null}
 * @param required whether it must be provided, or {@code null} (not required)
 * @since 0.2.0
 */
public record PromptArgument(String name, String title, String description, Boolean required) {
}
