package dev.mcpclient;

import dev.mcpclient.schema.ClientCapabilities;
import dev.mcpclient.schema.CreateMessageRequest;
import dev.mcpclient.schema.CreateMessageResult;

/**
 * Answers the server's {@code sampling/createMessage}: sample a language model for the server. With
 * one registered ({@link McpClientBuilder#sampling}), the client declares the {@code sampling}
 * capability as {@link #capability()} says.
 *
 * <p>Called on a thread for blocking work, never an I/O thread. Throw an {@link McpErrorException}
 * to answer with a specific JSON-RPC error (e.g. the user rejected the request); anything else thrown
 * becomes an internal error.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface McpSamplingHandler {

    /** Samples the model. */
    CreateMessageResult createMessage(CreateMessageRequest request);

    /**
     * What the client declares under {@code sampling}; by default neither {@code context} nor
     * {@code tools}. Return {@code SamplingCapability.of(false, true)} when this handler honours
     * {@code tools} and {@code toolChoice}.
     */
    default ClientCapabilities.SamplingCapability capability() {
        return ClientCapabilities.SamplingCapability.of(false, false);
    }
}
