package dev.mcpclient.internal.session;

import dev.mcpclient.McpErrorException;
import dev.mcpclient.McpSessionExpiredException;
import dev.mcpclient.McpTimeoutException;
import dev.mcpclient.McpTransportException;
import dev.mcpclient.jsonrpc.JsonRpcError;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.ProtocolVersions;
import dev.mcpclient.transport.McpTransport;
import dev.mcpclient.transport.ResponseStreamLostException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Picks the era a server speaks, and from then on is that era's lifecycle: {@link StatelessLifecycle}
 * (2026-07-28) or {@link InitializeLifecycle} (the handshake revisions). Pinned to one revision, it
 * is that era's lifecycle from the start.
 *
 * <p>Detection ({@code auto}), on the first call: {@code server/discover} at 2026-07-28. A
 * {@code DiscoverResult} means modern; {@code UnsupportedProtocolVersionError} (-32022) is retried
 * once with a listed version (inside {@link StatelessLifecycle}); any other answer that only a
 * legacy server gives (an HTTP 4xx or a JSON-RPC error without a modern error code, a result that is
 * no {@code DiscoverResult}, no answer within the probe's timeout unless the server refused it for
 * authorization, which then was what it waited for) means legacy: the
 * {@code initialize} handshake follows (and from there, on HTTP, the HTTP+SSE fallback as before).
 * Anything else (the server is down, answers 5xx, refuses authorization) decides nothing: the call
 * fails and the next one probes again. A legacy server is remembered per server
 * ({@link ServerEras}), so the next client to it skips the probe.
 *
 * <p>The decision is probed again when it stops holding: a remembered legacy server whose handshake
 * is refused the way only a modern server refuses; a modern server that answers a request with a 4xx
 * and no modern error (restarted as a legacy one); a legacy session that expired and cannot be
 * renewed because the server now speaks only the modern era. The request that found out is sent
 * once more in the era found.
 */
public final class EraLifecycle implements SessionLifecycle {

    /** The protocol version setting that detects the era. */
    public static final String AUTO = "auto";

    private static final Logger log = LoggerFactory.getLogger(EraLifecycle.class);
    /** Statuses that say nothing about the era: authorization and rate limits. */
    private static final Set<Integer> NOT_ERA_SIGNALS = Set.of(401, 402, 403, 407, 429);

    private final McpTransport transport;
    /** The modern era's lifecycle, or {@code null} when pinned to a legacy revision. */
    private final StatelessLifecycle modern;
    /** The legacy era's lifecycle, or {@code null} when pinned to a modern revision. */
    private final InitializeLifecycle legacy;
    private final SingleFlight<Void> decision = new SingleFlight<>();
    /** The decided era's lifecycle, or {@code null} while undecided. */
    private volatile SessionLifecycle current;
    /** The lifecycle whose lifecycle requests are on the wire while undecided (it stamps their {@code _meta}). */
    private volatile SessionLifecycle trying;
    private volatile Runnable onModern = () -> { };

    /**
     * @param transport the transport to the server
     * @param modern the modern era's lifecycle, or {@code null} for a client pinned to a legacy revision
     * @param legacy the legacy era's lifecycle, or {@code null} for a client pinned to a modern revision
     */
    public EraLifecycle(McpTransport transport, StatelessLifecycle modern, InitializeLifecycle legacy) {
        if (modern == null && legacy == null) {
            throw new IllegalArgumentException("at least one era");
        }
        this.transport = Objects.requireNonNull(transport, "transport");
        this.modern = modern;
        this.legacy = legacy;
        if (modern == null || legacy == null) {
            this.current = modern != null ? modern : legacy;
        }
    }

    /**
     * Whether {@code protocolVersion} is a valid setting: {@link #AUTO}, a modern revision or a
     * handshake revision of Streamable HTTP and stdio (2024-11-05 is the HTTP+SSE transport's own,
     * which needs no setting).
     */
    public static boolean isValidSetting(String protocolVersion) {
        return AUTO.equals(protocolVersion) || ProtocolVersions.isModern(protocolVersion)
                || ProtocolVersions.isSupported(protocolVersion);
    }

    @Override
    public boolean isReady() {
        SessionLifecycle decided = current;
        return decided != null && decided.isReady();
    }

    @Override
    public Mono<Void> ready(Handshake handshake) {
        return Mono.defer(() -> {
            SessionLifecycle decided = current;
            if (decided == null) {
                return decide(handshake);
            }
            if (legacy == null && !decided.isReady()) {
                return decided.ready(handshake).doOnSuccess(v -> onModern.run()); // pinned modern
            }
            return decided.ready(handshake);
        });
    }

    /** The era's decision, single-flight; a failed one is forgotten so the next call decides again. */
    private Mono<Void> decide(Handshake handshake) {
        return decision.get(() -> !transport.carriesModernEra() ? handshake(handshake, false)
                : ServerEras.isLegacy(transport.serverKey()) ? remembered(handshake) : probe(handshake));
    }

    /** {@code server/discover}, and the handshake when its answer says the server is legacy. */
    private Mono<Void> probe(Handshake handshake) {
        return Mono.defer(() -> {
            trying = modern;
            long refusals = transport.authorizationRefusals();
            // A probe that timed out after the server refused it for authorization was waiting for the
            // authorization (a user logging in), not on a silent legacy server: that decides nothing.
            Predicate<Throwable> legacyAnswer = e -> meansLegacy(e)
                    && !(e instanceof McpTimeoutException && transport.authorizationRefusals() != refusals);
            return modern.probe(handshake)
                    .doOnSuccess(v -> decided(modern))
                    .doOnError(e -> {
                        if (!legacyAnswer.test(e)) {
                            handshake.failed(e); // the probe itself is quiet: its answer is no error when it means legacy
                        }
                    })
                    .onErrorResume(legacyAnswer, e -> {
                        log.info("The server at {} does not speak MCP {} ({}); using the initialize handshake",
                                shown(), modern.version(), e.getMessage());
                        transport.protocolVersionNegotiated(null);
                        return handshake(handshake, false);
                    });
        });
    }

    /** The handshake with a server remembered as legacy: probed anew when it answers like a modern one. */
    private Mono<Void> remembered(Handshake handshake) {
        return handshake(handshake, true);
    }

    private Mono<Void> handshake(Handshake handshake, boolean mayProbe) {
        return Mono.defer(() -> {
            trying = legacy;
            return legacy.ready(handshake)
                    .doOnSuccess(v -> {
                        ServerEras.legacy(transport.serverKey());
                        decided(legacy);
                    })
                    .onErrorResume(e -> mayProbe && meansModern(e), e -> {
                        log.info("The server at {} was remembered as speaking only the handshake revisions, but refused "
                                + "initialize like a modern server ({}); probing again", shown(), e.getMessage());
                        ServerEras.forget(transport.serverKey());
                        legacy.reset();
                        return probe(handshake);
                    });
        });
    }

    private void decided(SessionLifecycle era) {
        current = era;
        trying = null;
        if (era == modern) {
            onModern.run();
        }
    }

    /** Runs {@code action} each time the era is found to be modern (to open what that era offers). */
    public void onModern(Runnable action) {
        this.onModern = Objects.requireNonNull(action, "action");
    }

    @Override
    public Mono<Void> send(JsonRpcMessage message, Map<String, String> parameterHeaders, Handshake handshake) {
        SessionLifecycle decided = current;
        SessionLifecycle era = decided != null ? decided : trying != null ? trying : modern != null ? modern : legacy;
        return era.send(message, parameterHeaders, handshake);
    }

    /**
     * A send that failed the way a server of the other era fails it (see {@link #stopsHolding}): the
     * era is decided again, and the request goes once more in the era found.
     */
    @Override
    public Mono<Void> recover(Throwable sendError, Handshake handshake) {
        SessionLifecycle decided = current;
        if (modern == null || legacy == null || decided == null || !stopsHolding(decided, sendError)) {
            return null; // pinned, or decided by nothing yet: nothing to probe again
        }
        log.info("The server at {} no longer answers like a server of the era found before ({}); probing again",
                shown(), sendError.getMessage());
        return again(decided, handshake);
    }

    /** Forgets the era {@code found} (unless another call already did) and decides again. */
    private Mono<Void> again(SessionLifecycle found, Handshake handshake) {
        synchronized (decision) {
            if (current == found) {
                current = null;
                decision.reset();
                ServerEras.forget(transport.serverKey());
                modern.reset();
                legacy.reset();
                transport.protocolVersionNegotiated(null);
            }
        }
        return ready(handshake);
    }

    @Override
    public ObjectNode requestMeta() {
        SessionLifecycle decided = current;
        SessionLifecycle era = decided != null ? decided : trying;
        return era == null ? null : era.requestMeta();
    }

    /** What the server said about itself: its {@code initialize} or {@code server/discover} result, or {@code null}. */
    public InitializeResult initializeResult() {
        SessionLifecycle decided = current;
        if (decided == null) {
            return null;
        }
        return decided == modern ? modern.initializeResult() : legacy.initializeResult();
    }

    /** Whether the era is decided and modern. */
    public boolean isModern() {
        SessionLifecycle decided = current;
        return decided != null && decided == modern;
    }

    /** Sets the log level modern requests carry (the legacy era sends {@code logging/setLevel} instead). */
    public void logLevel(String level) {
        if (modern != null) {
            modern.logLevel(level);
        }
    }

    private String shown() {
        String key = transport.serverKey();
        return key != null ? key : "the other end of the transport";
    }

    /** Whether {@code e}, the answer to {@code server/discover}, is one only a legacy server gives. */
    static boolean meansLegacy(Throwable e) {
        if (e instanceof StatelessLifecycle.NotModernException notModern) {
            return notModern.supported().isEmpty() || notModern.supported().stream().anyMatch(ProtocolVersions::isSupported);
        }
        if (e instanceof McpErrorException error) {
            return !JsonRpcError.isModernProtocolError(error.code());
        }
        if (e instanceof McpTimeoutException) {
            return true; // legacy servers may leave a request before initialize unanswered
        }
        if (e instanceof McpTransportException transportError) {
            int status = transportError.status();
            return status >= 400 && status < 500 && !NOT_ERA_SIGNALS.contains(status) && !hasModernError(transportError);
        }
        return false;
    }

    /** Whether {@code e}, a failed handshake, is how a modern server refuses {@code initialize}. */
    static boolean meansModern(Throwable e) {
        if (e instanceof McpErrorException error) {
            return JsonRpcError.isModernProtocolError(error.code());
        }
        return e instanceof McpTransportException transportError && hasModernError(transportError);
    }

    /** Whether {@code e} says the era found before no longer holds (see the class comment). */
    private boolean stopsHolding(SessionLifecycle found, Throwable e) {
        if (found == modern) {
            return e instanceof McpTransportException transportError && !(e instanceof ResponseStreamLostException)
                    && transportError.status() >= 400 && transportError.status() < 500
                    && !NOT_ERA_SIGNALS.contains(transportError.status()) && !hasModernError(transportError);
        }
        return e instanceof McpSessionExpiredException && e.getCause() != null && meansModern(e.getCause());
    }

    /** Whether the body of an HTTP error is a JSON-RPC error with a code only modern servers use. */
    static boolean hasModernError(McpTransportException e) {
        String body = e.bodyExcerpt();
        if (body == null || body.isEmpty() || body.charAt(0) != '{') {
            return false;
        }
        try {
            JsonNode code = McpJson.mapper().readTree(body).path("error").path("code");
            return code.isInt() && JsonRpcError.isModernProtocolError(code.asInt());
        } catch (RuntimeException notJson) {
            return false;
        }
    }
}
