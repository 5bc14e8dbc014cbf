package dev.mcpclient.boot.autoconfigure.ai;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientStatus;
import dev.mcpclient.schema.ListToolsResult;
import dev.mcpclient.schema.Tool;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import reactor.core.scheduler.Schedulers;

/**
 * The tool list of every server as the next prompt should see it, read from each client's cached
 * listing ({@code tools/list}, cached per session and dropped on {@code list_changed}).
 *
 * <p>A server whose client is not connected, or is closed, contributes no tools and is not asked. A connected
 * server's list comes from its client's cache at once; when the cache is empty (a new session, a
 * changed list) one listing per server is started, and a caller that may block waits for all of
 * them at most the configured time in all, while one on a non-blocking thread does not wait. A
 * server whose listing is still under way contributes the tools it listed last; one whose listing
 * failed contributes none. A listing left behind goes on and fills the client's cache for the next
 * prompt.
 */
final class ServerToolLists {

    private final Duration wait;
    private final ConcurrentMap<String, Listing> listings = new ConcurrentHashMap<>();

    /** @param wait how long a caller that may block waits, in all, for the listings under way */
    ServerToolLists(Duration wait) {
        this.wait = wait;
    }

    /** Each server's tools, in the order of {@code clients}: what a prompt sent now should see. */
    Map<String, List<Tool>> current(Map<String, McpClient> clients) {
        listings.keySet().retainAll(clients.keySet());
        Map<String, Listing> connected = new LinkedHashMap<>();
        clients.forEach((server, client) -> {
            Listing listing = listings.compute(server,
                    (name, known) -> known != null && known.client == client ? known : new Listing(client));
            McpClientStatus status = client.status();
            if (status.initialized() && !status.closed()) {
                listing.start();
                connected.put(server, listing);
            }
        });
        long deadline = Schedulers.isInNonBlockingThread() ? System.nanoTime() : System.nanoTime() + wait.toNanos();
        Map<String, List<Tool>> tools = new LinkedHashMap<>();
        connected.forEach((server, listing) -> tools.put(server, listing.await(deadline)));
        return tools;
    }

    /** One server's listings: the one under way (one at a time) and the tools listed last. */
    private static final class Listing {

        private final McpClient client;
        private volatile List<Tool> last = List.of();
        private CompletableFuture<List<Tool>> current;

        Listing(McpClient client) {
            this.client = client;
        }

        /** Starts a listing unless one is under way; a cached list completes it at once. */
        synchronized void start() {
            if (current == null || current.isDone()) {
                CompletableFuture<List<Tool>> listing = client.reactive().listTools().map(ListToolsResult::tools)
                        .toFuture();
                listing.whenComplete((tools, error) -> last = error == null ? tools : List.of());
                current = listing;
            }
        }

        /** The listing's tools, waiting for them until {@code deadline} ({@link System#nanoTime()}) at most. */
        List<Tool> await(long deadline) {
            CompletableFuture<List<Tool>> listing;
            synchronized (this) {
                listing = current;
            }
            if (listing.isDone()) {
                return listing.isCompletedExceptionally() ? List.of() : listing.join();
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return last;
            }
            try {
                return listing.get(remaining, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return last;
            } catch (ExecutionException e) {
                return List.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
        }
    }
}
