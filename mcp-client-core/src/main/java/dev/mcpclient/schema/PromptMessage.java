package dev.mcpclient.schema;

/**
 * One message of a prompt; unlike a sampling message its content may embed or link resources.
 *
 * @param role who speaks
 * @param content one content block
 * @since 0.2.0
 */
public record PromptMessage(Role role, Content content) {
}
