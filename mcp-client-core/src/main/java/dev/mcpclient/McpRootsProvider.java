package dev.mcpclient;

import dev.mcpclient.schema.Root;
import java.util.List;

/**
 * Answers the server's {@code roots/list}: the directories and files the server may work on. With
 * one registered ({@link McpClientBuilder#roots}), the client declares the {@code roots} capability
 * (with {@code listChanged}); call {@link ReactiveMcpClient#rootsListChanged()} when the roots change.
 *
 * <p>Called on a thread for blocking work, never an I/O thread; what it throws becomes a JSON-RPC error.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface McpRootsProvider {

    /** The current roots. */
    List<Root> roots();
}
