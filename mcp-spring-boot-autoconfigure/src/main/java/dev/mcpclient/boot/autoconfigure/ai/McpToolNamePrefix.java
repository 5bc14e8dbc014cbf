package dev.mcpclient.boot.autoconfigure.ai;

/**
 * When the name Spring AI sees for a tool starts with its server's name ({@code <server>_<tool>}),
 * so that the names of one {@code ChatClient} stay unique.
 *
 * @since 0.2.0
 */
public enum McpToolNamePrefix {

    /** Only where two servers offer a tool of the same name: each of them is prefixed. */
    WHEN_NEEDED,

    /** Every tool. */
    ALWAYS,

    /** No tool: where two servers offer a tool of the same name, the first server's wins (configuration order). */
    NEVER
}
