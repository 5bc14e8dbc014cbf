package dev.mcpclient;

import dev.mcpclient.schema.ClientCapabilities;
import dev.mcpclient.schema.Implementation;
import dev.mcpclient.schema.LoggingMessageNotification;
import dev.mcpclient.schema.Prompt;
import dev.mcpclient.schema.Resource;
import dev.mcpclient.schema.ResourceUpdatedNotification;
import dev.mcpclient.schema.Tool;
import dev.mcpclient.internal.session.InboundDispatcher;
import dev.mcpclient.internal.session.EraLifecycle;
import dev.mcpclient.internal.session.InitializeLifecycle;
import dev.mcpclient.internal.session.StatelessLifecycle;
import dev.mcpclient.schema.ProtocolVersions;
import dev.mcpclient.internal.session.McpSession;
import dev.mcpclient.transport.McpTransport;
import dev.mcpclient.transport.TransportBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds an {@link McpClient} (and its {@link ReactiveMcpClient} twin) over one transport. Obtain one
 * from {@link McpClient#streamableHttp(String)}, {@link McpClient#sse(String)},
 * {@link McpClient#stdio(String, String...)}, or {@link McpClient#builder(TransportBuilder)} with a
 * transport builder that holds the transport's own options (headers, {@code WebClient.Builder},
 * message size, reconnection, process environment, ...):
 *
 * <pre>{@code
 * McpClient client = McpClient.builder(StreamableHttpTransport.builder(url).header("X-Api-Key", key))
 *         .requestTimeout(Duration.ofSeconds(10))
 *         .build();
 * }</pre>
 *
 * <p>This builder holds what a client has, whatever its transport: timeouts, the client's name,
 * capabilities, handlers, listeners and interceptors.
 *
 * <p>The server's requests are answered by the handlers registered here ({@link #roots},
 * {@link #sampling}, {@link #elicitation}; {@code ping} always), and the client declares each of
 * these capabilities only when its handler exists. Listeners ({@link #listener}, {@link #onLoggingMessage}, ...)
 * receive the server's notifications.
 *
 * <pre>{@code
 * McpClient client = McpClient.streamableHttp(url)
 *         .roots(() -> List.of(new Root("file:///work", "work")))
 *         .sampling(request -> llm.sample(request))
 *         .elicitation(request -> ElicitResult.accept(askUser(request)))
 *         .onToolsListChanged(tools -> log.info("now {} tools", tools.size()))
 *         .onLoggingMessage(message -> audit.record(message))
 *         .build();
 * }</pre>
 *
 * @since 0.2.0
 */
public final class McpClientBuilder {

    /** The default of {@link #requestTimeout(Duration)}: 30 s. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The longest the era probe ({@code server/discover}) waits for an answer before taking the server
     * for a legacy one (which may leave a request before {@code initialize} unanswered): 10 s, or the
     * initialize timeout when shorter.
     */
    static final Duration MAX_PROBE_TIMEOUT = Duration.ofSeconds(10);
    /** The name the client gives the server unless told otherwise ({@link #clientInfo(String, String)}). */
    public static final String DEFAULT_CLIENT_NAME = "mcp-client-java";

    private final Supplier<McpTransport> transport;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration initializeTimeout;
    private String protocolVersion = EraLifecycle.AUTO;
    private Implementation clientInfo = new Implementation(DEFAULT_CLIENT_NAME, "0.2.0");
    private ClientCapabilities capabilities = ClientCapabilities.none();
    private final List<McpCallInterceptor> interceptors = new ArrayList<>();
    private String serverName;
    private boolean validateToolOutput = true;
    private McpRootsProvider roots;
    private McpSamplingHandler sampling;
    private ClientCapabilities.SamplingCapability samplingCapability;
    private McpElicitationHandler elicitation;
    private ClientCapabilities.ElicitationCapability elicitationCapability;
    private final List<McpClientListener> listeners = new ArrayList<>();

    private McpClientBuilder(Supplier<McpTransport> transport) {
        this.transport = transport;
    }

    /** A builder of clients over transports built by {@code transport}: each client gets its own. */
    static McpClientBuilder of(TransportBuilder<?> transport) {
        Objects.requireNonNull(transport, "transport");
        return new McpClientBuilder(transport::build);
    }

    /** A builder of a client over {@code transport}, which serves one client only. */
    static McpClientBuilder of(McpTransport transport) {
        Objects.requireNonNull(transport, "transport");
        AtomicBoolean used = new AtomicBoolean();
        return new McpClientBuilder(() -> {
            if (!used.compareAndSet(false, true)) {
                throw new IllegalStateException("this builder's transport serves a client already; build a second "
                        + "client from a transport builder (McpClient.builder(TransportBuilder))");
            }
            return transport;
        });
    }

    /** The default timeout of every call; default 30 s. */
    public McpClientBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = positive(timeout);
        return this;
    }

    /** The timeout of {@code initialize}; defaults to the request timeout. */
    public McpClientBuilder initializeTimeout(Duration timeout) {
        this.initializeTimeout = positive(timeout);
        return this;
    }

    /** The name and version this client gives the server. */
    public McpClientBuilder clientInfo(String name, String version) {
        this.clientInfo = new Implementation(Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(version, "version"));
        return this;
    }

    /**
     * The capabilities this client declares besides those of its handlers: {@code roots},
     * {@code sampling} and {@code elicitation} are always declared from the handlers registered
     * ({@link #roots}, {@link #sampling}, {@link #elicitation}) and only then; the rest
     * ({@code experimental}, {@code tasks}) is taken from here.
     */
    public McpClientBuilder capabilities(ClientCapabilities capabilities) {
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        return this;
    }

    /**
     * Wraps every call (observations, metrics, logging). Interceptors run in the order added: the
     * first one added is the outermost, seeing the call as the caller does.
     */
    public McpClientBuilder interceptor(McpCallInterceptor interceptor) {
        interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
        return this;
    }

    /**
     * The name of the server, as the application calls it: in error messages, and in the name of the
     * SLF4J logger that receives the server's log messages ({@code dev.mcpclient.server.<name>}).
     * Default: the server's {@code serverInfo.name}.
     */
    public McpClientBuilder serverName(String name) {
        this.serverName = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Whether a tool's {@code structuredContent} is checked against its {@code outputSchema}; default
     * true (see {@link ReactiveMcpClient#callTool(dev.mcpclient.schema.CallToolRequest, CallOptions)}).
     */
    public McpClientBuilder validateToolOutput(boolean enabled) {
        this.validateToolOutput = enabled;
        return this;
    }

    /** Answers the server's {@code roots/list}; declares {@code roots} (with {@code listChanged}). */
    public McpClientBuilder roots(McpRootsProvider provider) {
        this.roots = Objects.requireNonNull(provider, "provider");
        return this;
    }

    /** Answers the server's {@code sampling/createMessage}; declares {@code sampling} as the handler's {@code capability()} says. */
    public McpClientBuilder sampling(McpSamplingHandler handler) {
        this.sampling = Objects.requireNonNull(handler, "handler");
        this.samplingCapability = null;
        return this;
    }

    /**
     * Answers the server's {@code sampling/createMessage}; declares {@code sampling} as {@code capability}
     * says, e.g. {@code SamplingCapability.of(false, true)} for a handler that supports tools.
     */
    public McpClientBuilder sampling(McpSamplingHandler handler, ClientCapabilities.SamplingCapability capability) {
        this.sampling = Objects.requireNonNull(handler, "handler");
        this.samplingCapability = Objects.requireNonNull(capability, "capability");
        return this;
    }

    /** Answers the server's {@code elicitation/create}; declares {@code elicitation} as the handler's {@code capability()} says. */
    public McpClientBuilder elicitation(McpElicitationHandler handler) {
        this.elicitation = Objects.requireNonNull(handler, "handler");
        this.elicitationCapability = null;
        return this;
    }

    /**
     * Answers the server's {@code elicitation/create}; declares {@code elicitation} as {@code capability}
     * says: its modes ({@code form}, {@code url}) and {@code form.applyDefaults}.
     */
    public McpClientBuilder elicitation(McpElicitationHandler handler,
            ClientCapabilities.ElicitationCapability capability) {
        this.elicitation = Objects.requireNonNull(handler, "handler");
        this.elicitationCapability = Objects.requireNonNull(capability, "capability");
        return this;
    }

    /** Adds a listener of the server's notifications; several are called in the order added. */
    public McpClientBuilder listener(McpClientListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Receives the tool list fetched again after each {@code notifications/tools/list_changed}. */
    public McpClientBuilder onToolsListChanged(Consumer<List<Tool>> listener) {
        Objects.requireNonNull(listener, "listener");
        return listener(new McpClientListener() {
            @Override
            public void onToolsListChanged(List<Tool> tools) {
                listener.accept(tools);
            }
        });
    }

    /** Receives the resource list fetched again after each {@code notifications/resources/list_changed}. */
    public McpClientBuilder onResourcesListChanged(Consumer<List<Resource>> listener) {
        Objects.requireNonNull(listener, "listener");
        return listener(new McpClientListener() {
            @Override
            public void onResourcesListChanged(List<Resource> resources) {
                listener.accept(resources);
            }
        });
    }

    /** Receives the prompt list fetched again after each {@code notifications/prompts/list_changed}. */
    public McpClientBuilder onPromptsListChanged(Consumer<List<Prompt>> listener) {
        Objects.requireNonNull(listener, "listener");
        return listener(new McpClientListener() {
            @Override
            public void onPromptsListChanged(List<Prompt> prompts) {
                listener.accept(prompts);
            }
        });
    }

    /** Receives {@code notifications/resources/updated} of subscribed resources. */
    public McpClientBuilder onResourceUpdated(Consumer<ResourceUpdatedNotification> listener) {
        Objects.requireNonNull(listener, "listener");
        return listener(new McpClientListener() {
            @Override
            public void onResourceUpdated(ResourceUpdatedNotification notification) {
                listener.accept(notification);
            }
        });
    }

    /** Receives the server's log messages ({@code notifications/message}). */
    public McpClientBuilder onLoggingMessage(Consumer<LoggingMessageNotification> listener) {
        Objects.requireNonNull(listener, "listener");
        return listener(new McpClientListener() {
            @Override
            public void onLoggingMessage(LoggingMessageNotification message) {
                listener.accept(message);
            }
        });
    }

    /**
     * The protocol revision to speak: {@code "auto"} (the default) speaks the newest modern revision
     * (2026-07-28) first and falls back to the {@code initialize} handshake of the legacy revisions
     * when the server does not speak it, remembering per server which era it speaks; a revision
     * ({@code "2026-07-28"}, {@code "2025-11-25"}, {@code "2025-06-18"}, {@code "2025-03-26"}) pins the
     * client to it, with no detection and no fallback to the other era.
     *
     * @throws IllegalArgumentException for anything else
     */
    public McpClientBuilder protocolVersion(String protocolVersion) {
        if (!EraLifecycle.isValidSetting(protocolVersion)) {
            throw new IllegalArgumentException("protocol version must be 'auto' or one of " + ProtocolVersions.MODERN
                    + " " + ProtocolVersions.SUPPORTED + ", not '" + protocolVersion + "'");
        }
        this.protocolVersion = protocolVersion;
        return this;
    }

    /** The blocking client. */
    public McpClient build() {
        return new DefaultMcpClient(buildReactive());
    }

    /** The reactive client. */
    public ReactiveMcpClient buildReactive() {
        McpTransport t = transport.get();
        ServerRequestHandlers handlers = new ServerRequestHandlers(roots, sampling, samplingCapability, elicitation,
                elicitationCapability);
        ClientCapabilities declared = handlers.capabilities(capabilities);
        Duration handshakeTimeout = initializeTimeout != null ? initializeTimeout : requestTimeout;
        boolean auto = EraLifecycle.AUTO.equals(protocolVersion);
        StatelessLifecycle modern = auto || ProtocolVersions.isModern(protocolVersion)
                ? new StatelessLifecycle(t, clientInfo, declared, auto ? ProtocolVersions.MODERN : List.of(protocolVersion),
                        auto && handshakeTimeout.compareTo(MAX_PROBE_TIMEOUT) > 0 ? MAX_PROBE_TIMEOUT : handshakeTimeout)
                : null;
        InitializeLifecycle legacy = auto || !ProtocolVersions.isModern(protocolVersion)
                ? new InitializeLifecycle(t, clientInfo, declared, handshakeTimeout, auto ? null : protocolVersion)
                : null;
        EraLifecycle lifecycle = new EraLifecycle(t, modern, legacy);
        InboundDispatcher dispatcher = new InboundDispatcher();
        McpSession session = new McpSession(t, lifecycle, dispatcher, requestTimeout);
        DefaultReactiveMcpClient client = new DefaultReactiveMcpClient(session, lifecycle, dispatcher,
                new InterceptorChain(interceptors), serverName, validateToolOutput ? new ToolOutputValidator() : null,
                handlers.hasRoots(), !listeners.isEmpty());
        handlers.registerOn(dispatcher);
        new ServerNotifications(listeners, dispatcher, () -> client.serverName(serverName)).registerOn(client);
        session.start();
        return client;
    }

    private static Duration positive(Duration d) {
        Objects.requireNonNull(d, "timeout");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + d);
        }
        return d;
    }
}
