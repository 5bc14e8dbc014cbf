package dev.mcpclient.boot.autoconfigure.ai;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientStatus;
import dev.mcpclient.schema.InitializeResult;
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
 * <p>A server whose client is not connected, or is closed, contributes no tools and is not asked. A
 * connected server's list comes from its client's cache at once; when the cache has no list for it
 * (a new session, a changed list, a list gone stale) one listing per server is started, unless one
 * is under way already. A caller that may block waits for the listings at most the configured time
 * in all, while one on a non-blocking thread does not wait; a server whose listing is still under way
 * contributes the tools it listed last, and one whose listing failed contributes none. A listing left
 * behind goes on and fills the client's cache for the next prompt.
 *
 * <p>Stale while revalidating: in the 2026-07-28 era a list goes stale when its {@code ttlMs} runs
 * out, and at once when the server gives none, so most prompts would find no fresh list. There, a
 * server whose tools were listed before in the same era session (the same {@code server/discover}
 * result) contributes them at once, even to a caller that may block, while they are listed again in
 * the background. In the legacy era a list never goes stale, and one that is missing changed (or the
 * session is new): that one is waited for.
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
        private volatile Listed last;
        private CompletableFuture<List<Tool>> current;

        Listing(McpClient client) {
            this.client = client;
        }

        /** Starts a listing unless one is under way; a cached list completes it at once. */
        synchronized void start() {
            if (current == null || current.isDone()) {
                InitializeResult session = client.reactive().initializeResult();
                CompletableFuture<List<Tool>> listing = client.reactive().listTools().map(ListToolsResult::tools)
                        .toFuture();
                listing.whenComplete((tools, error) -> last = error == null ? new Listed(tools, session) : null);
                current = listing;
            }
        }

        /**
         * The listing's tools, waiting for them until {@code deadline} ({@link System#nanoTime()}) at
         * most, or the tools listed last when the listing under way only revalidates them.
         */
        List<Tool> await(long deadline) {
            CompletableFuture<List<Tool>> listing;
            synchronized (this) {
                listing = current;
            }
            if (listing.isDone()) {
                return listing.isCompletedExceptionally() ? List.of() : listing.join();
            }
            Listed known = last;
            if (known != null && revalidates(known)) {
                return known.tools();
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return lastTools();
            }
            try {
                return listing.get(remaining, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return lastTools();
            } catch (ExecutionException e) {
                return List.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return lastTools();
            }
        }

        /** Whether a listing under way only renews {@code known}: a 2026-07-28 list of this session gone stale. */
        private boolean revalidates(Listed known) {
            return client.status().era() == McpClientStatus.ProtocolEra.MODERN
                    && known.session() == client.reactive().initializeResult();
        }

        private List<Tool> lastTools() {
            Listed known = last;
            return known == null ? List.of() : known.tools();
        }
    }

    /** Tools listed, and the session ({@code initialize} or {@code server/discover} result) they were listed in. */
    private record Listed(List<Tool> tools, InitializeResult session) {
    }
}
