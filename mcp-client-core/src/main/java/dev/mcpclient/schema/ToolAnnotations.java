package dev.mcpclient.schema;

/**
 * Hints describing a tool's behaviour. They are hints only: never trust them from an untrusted server.
 *
 * @param title human-readable title, or {@code null}
 * @param readOnlyHint whether the tool does not modify its environment (default false), or {@code null}
 * @param destructiveHint whether updates may be destructive rather than additive (default true;
 *     meaningful only when not read-only), or {@code null}
 * @param idempotentHint whether repeating a call with the same arguments has no further effect
 *     (default false), or {@code null}
 * @param openWorldHint whether the tool interacts with an open world of external entities
 *     (default true), or {@code null}
 * @since 0.2.0
 */
public record ToolAnnotations(
        String title, Boolean readOnlyHint, Boolean destructiveHint, Boolean idempotentHint, Boolean openWorldHint) {
}
