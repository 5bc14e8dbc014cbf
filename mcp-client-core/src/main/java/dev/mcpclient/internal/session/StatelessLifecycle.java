package dev.mcpclient.internal.session;

import dev.mcpclient.McpErrorException;
import dev.mcpclient.McpProtocolException;
import dev.mcpclient.jsonrpc.JsonRpcError;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.schema.ClientCapabilities;
import dev.mcpclient.schema.DiscoverResult;
import dev.mcpclient.schema.Implementation;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.McpMethods;
import dev.mcpclient.schema.ProtocolVersions;
import dev.mcpclient.transport.McpTransport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lifecycle of the modern era (MCP 2026-07-28 and later): no handshake and no session. Every
 * request carries the protocol version, the client's identity and its capabilities in {@code _meta}
 * ({@link #requestMeta()}); {@code server/discover} tells the server's versions, capabilities and
 * identity once, before the first ordinary request.
 *
 * <p>{@code server/discover} is single-flight and a failure is not kept (the next call tries again),
 * like the handshake of {@link InitializeLifecycle}. When the server answers it with
 * {@code UnsupportedProtocolVersionError} (-32022), it is sent once more with a modern version from
 * the error's {@code supported} list. A result that is not a {@code DiscoverResult} fails with
 * {@link NotModernException}: the server does not speak this era.
 */
public final class StatelessLifecycle implements SessionLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StatelessLifecycle.class);

    static final String PROTOCOL_VERSION_META = "io.modelcontextprotocol/protocolVersion";
    static final String CLIENT_INFO_META = "io.modelcontextprotocol/clientInfo";
    static final String CLIENT_CAPABILITIES_META = "io.modelcontextprotocol/clientCapabilities";
    static final String LOG_LEVEL_META = "io.modelcontextprotocol/logLevel";

    private final McpTransport transport;
    private final JsonNode clientInfo;
    private final JsonNode capabilities;
    private final List<String> versions;
    private final Duration discoverTimeout;
    private final SingleFlight<InitializeResult> discovery = new SingleFlight<>();
    private volatile InitializeResult discovered;
    private volatile String version;
    private volatile String logLevel;
    /** What every request carries in {@code _meta} now: rebuilt when the version or log level changes, shared read-only. */
    private volatile ObjectNode meta;

    /**
     * @param transport the transport to the server
     * @param clientInfo what the client tells the server it is
     * @param capabilities what the client declares
     * @param versions the modern versions to speak, preferred first
     * @param discoverTimeout the timeout of {@code server/discover}
     */
    public StatelessLifecycle(McpTransport transport, Implementation clientInfo, ClientCapabilities capabilities,
            List<String> versions, Duration discoverTimeout) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.clientInfo = McpJson.toTree(Objects.requireNonNull(clientInfo, "clientInfo"));
        this.capabilities = McpJson.toTree(Objects.requireNonNull(capabilities, "capabilities"));
        this.versions = List.copyOf(versions);
        this.discoverTimeout = Objects.requireNonNull(discoverTimeout, "discoverTimeout");
        speak(this.versions.get(0));
    }

    @Override
    public boolean isReady() {
        return discovery.isDone();
    }

    @Override
    public Mono<Void> ready(Handshake handshake) {
        return discovery.get(() -> discover(handshake, true, false)).then();
    }

    /**
     * Like {@link #ready}, as the era probe: {@code server/discover} fails quietly (not the client's
     * last error), since an answer only a legacy server gives is no error but the era's decision.
     */
    Mono<Void> probe(Handshake handshake) {
        return discovery.get(() -> discover(handshake, true, true)).then();
    }

    /** Forgets what {@code server/discover} said: the next call discovers again. */
    void reset() {
        discovery.reset();
    }

    @Override
    public Mono<Void> send(JsonRpcMessage message, Map<String, String> parameterHeaders, Handshake handshake) {
        return transport.send(message, parameterHeaders);
    }

    @Override
    public ObjectNode requestMeta() {
        return meta;
    }

    /** The version this lifecycle speaks now. */
    String version() {
        return version;
    }

    /** The server's {@code server/discover} result as an {@link InitializeResult}, or {@code null} before it. */
    public InitializeResult initializeResult() {
        return discovered;
    }

    /** Sets the minimum level of the log messages the server sends with each request; {@code null} for none. */
    public void logLevel(String level) {
        this.logLevel = level;
        this.meta = buildMeta(version, level);
    }

    /** {@code server/discover}; after -32022, once more with a version from the server's list. */
    private Mono<InitializeResult> discover(Handshake handshake, boolean mayRetry, boolean quiet) {
        return Mono.defer(() -> {
            String asked = version;
            transport.protocolVersionNegotiated(asked);
            ObjectNode params = McpJson.mapper().createObjectNode();
            Mono<JsonNode> sent = quiet ? handshake.probe(McpMethods.SERVER_DISCOVER, params, discoverTimeout)
                    : handshake.request(McpMethods.SERVER_DISCOVER, params, discoverTimeout);
            return sent
                    .map(result -> accept(result, asked))
                    .onErrorResume(e -> mayRetry && e instanceof McpErrorException error
                            && error.code() == JsonRpcError.UNSUPPORTED_PROTOCOL_VERSION, e -> {
                        String other = choose(supportedIn(((McpErrorException) e).data()));
                        if (other == null) {
                            return Mono.error(new NotModernException("the server supports none of the modern versions "
                                    + versions + " (" + e.getMessage() + ")", supportedIn(((McpErrorException) e).data()), e));
                        }
                        log.debug("The server does not support {}; trying {}", asked, other);
                        speak(other);
                        return discover(handshake, false, quiet);
                    });
        });
    }

    /** The discover result on version {@code asked}, or why it is none. */
    private InitializeResult accept(JsonNode result, String asked) {
        JsonNode supported = result == null ? null : result.get("supportedVersions");
        if (supported == null || !supported.isArray()) {
            throw new NotModernException("the answer to server/discover has no supportedVersions: not a modern server", List.of(), null);
        }
        DiscoverResult discover;
        try {
            discover = McpJson.fromTree(result, DiscoverResult.class);
        } catch (RuntimeException e) {
            throw new McpProtocolException("the result of server/discover is not a valid DiscoverResult: " + e.getMessage(), e);
        }
        String chosen = discover.supportedVersions().contains(asked) ? asked : choose(discover.supportedVersions());
        if (chosen == null) {
            throw new NotModernException("the server supports none of the modern versions " + versions
                    + " (it lists " + discover.supportedVersions() + ")", discover.supportedVersions(), null);
        }
        if (!chosen.equals(asked)) {
            speak(chosen);
            transport.protocolVersionNegotiated(chosen);
        }
        InitializeResult described = discover.asInitializeResult(chosen);
        discovered = described;
        return described;
    }

    /** The first of our versions the server lists, or {@code null}. */
    private String choose(List<String> supported) {
        for (String candidate : versions) {
            if (supported.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The {@code supported} list of an {@code UnsupportedProtocolVersionError}'s data, or an empty list. */
    static List<String> supportedIn(JsonNode data) {
        JsonNode supported = data == null ? null : data.get("supported");
        if (supported == null || !supported.isArray()) {
            return List.of();
        }
        return supported.valueStream().filter(JsonNode::isString).map(JsonNode::asString).toList();
    }

    private void speak(String newVersion) {
        this.version = newVersion;
        this.meta = buildMeta(newVersion, logLevel);
    }

    private ObjectNode buildMeta(String protocolVersion, String level) {
        ObjectNode built = McpJson.mapper().createObjectNode();
        built.put(PROTOCOL_VERSION_META, protocolVersion);
        built.set(CLIENT_INFO_META, clientInfo);
        built.set(CLIENT_CAPABILITIES_META, capabilities);
        if (level != null) {
            built.put(LOG_LEVEL_META, level);
        }
        return built;
    }

    /** The server answered {@code server/discover} in a way only a server of another era would. */
    static final class NotModernException extends McpProtocolException {

        private final List<String> supported;

        NotModernException(String message, List<String> supported, Throwable cause) {
            super(message, cause);
            this.supported = supported;
        }

        /** The versions the server said it supports (possibly legacy ones), or an empty list. */
        List<String> supported() {
            return supported;
        }
    }
}
