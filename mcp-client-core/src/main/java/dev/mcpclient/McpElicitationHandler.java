package dev.mcpclient;

import dev.mcpclient.schema.ClientCapabilities;
import dev.mcpclient.schema.ElicitRequest;
import dev.mcpclient.schema.ElicitResult;

/**
 * Answers the server's {@code elicitation/create}: ask the user for information, through a form
 * built from the request's schema (form mode) or by sending them to a URL (URL mode). With one
 * registered ({@link McpClientBuilder#elicitation}), the client declares the {@code elicitation}
 * capability as {@link #capability()} says; a request in a mode not declared is refused with
 * JSON-RPC error -32602 without calling the handler.
 *
 * <p>With {@code form.applyDefaults} declared, the client fills every property the accepted content
 * lacks with its {@code default} from the requested schema.
 *
 * <p>Called on a thread for blocking work, never an I/O thread; what it throws becomes a JSON-RPC error.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface McpElicitationHandler {

    /** Asks the user; answer with {@link ElicitResult#accept}, {@link ElicitResult#decline()} or {@link ElicitResult#cancel()}. */
    ElicitResult elicit(ElicitRequest request);

    /**
     * What the client declares under {@code elicitation}; by default form mode only, without
     * {@code applyDefaults}. For example {@code new ElicitationCapability(new FormCapability(true), Map.of())}
     * declares both modes and asks the client to apply defaults.
     */
    default ClientCapabilities.ElicitationCapability capability() {
        return ClientCapabilities.ElicitationCapability.of(true, false);
    }
}
