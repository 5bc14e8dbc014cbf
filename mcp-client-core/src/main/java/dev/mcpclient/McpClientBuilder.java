package dev.mcpclient;

import dev.mcpclient.schema.ClientCapabilities;
import dev.mcpclient.schema.Implementation;
import dev.mcpclient.schema.LoggingMessageNotification;
import dev.mcpclient.schema.Prompt;
import dev.mcpclient.schema.Resource;
import dev.mcpclient.schema.ResourceUpdatedNotification;
import dev.mcpclient.schema.Tool;
import dev.mcpclient.session.InboundDispatcher;
import dev.mcpclient.session.InitializeLifecycle;
import dev.mcpclient.session.McpSession;
import dev.mcpclient.transport.McpTransport;
import dev.mcpclient.transport.http.LegacySseTransport;
import dev.mcpclient.transport.http.ReconnectPolicy;
import dev.mcpclient.transport.http.SseFallbackTransport;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import dev.mcpclient.transport.stdio.StdioTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds an {@link McpClient} (and its {@link ReactiveMcpClient} twin). Obtain one from
 * {@link McpClient#streamableHttp(String)}, {@link McpClient#sse(String)},
 * {@link McpClient#stdio(String, String...)} or {@link McpClient#builder(McpTransport)}.
 *
 * <p>The HTTP options ({@link #header}, {@link #webClientBuilder}, ...) apply to the HTTP transports
 * only, the process options ({@link #env}, {@link #workingDirectory}) to stdio only; on a builder
 * made for another transport they throw {@link IllegalStateException}.
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
 */
public final class McpClientBuilder {

    private final StreamableHttpTransport.Builder http;
    private final LegacySseTransport.Builder sse;
    private final StdioTransport.Builder stdio;
    private final McpTransport transport;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration initializeTimeout;
    private Implementation clientInfo = new Implementation("mcp-client-java", "0.1.0");
    private ClientCapabilities capabilities = ClientCapabilities.none();
    private McpCallInterceptor interceptor = NO_INTERCEPTOR;
    private String serverName;
    private boolean validateToolOutput = true;
    private McpRootsProvider roots;
    private McpSamplingHandler sampling;
    private ClientCapabilities.SamplingCapability samplingCapability;
    private McpElicitationHandler elicitation;
    private ClientCapabilities.ElicitationCapability elicitationCapability;
    private final List<McpClientListener> listeners = new ArrayList<>();
    private Boolean legacySseFallback;

    private static final McpCallInterceptor NO_INTERCEPTOR = new McpCallInterceptor() {
        @Override
        public <T> reactor.core.publisher.Mono<T> intercept(McpCall call, reactor.core.publisher.Mono<T> execution) {
            return execution;
        }
    };

    private McpClientBuilder(StreamableHttpTransport.Builder http, LegacySseTransport.Builder sse,
            StdioTransport.Builder stdio, McpTransport transport) {
        this.http = http;
        this.sse = sse;
        this.stdio = stdio;
        this.transport = transport;
    }

    static McpClientBuilder streamableHttp(String url) {
        return new McpClientBuilder(StreamableHttpTransport.builder(url), null, null, null);
    }

    static McpClientBuilder sse(String sseUrl) {
        return new McpClientBuilder(null, LegacySseTransport.builder(sseUrl), null, null);
    }

    static McpClientBuilder stdio(String command, String... args) {
        return new McpClientBuilder(null, null, StdioTransport.builder(command, args), null);
    }

    static McpClientBuilder of(McpTransport transport) {
        return new McpClientBuilder(null, null, null, Objects.requireNonNull(transport, "transport"));
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

    /** Wraps every call (observations, metrics, logging); several are applied in the order added, the first outermost. */
    public McpClientBuilder interceptor(McpCallInterceptor next) {
        Objects.requireNonNull(next, "interceptor");
        McpCallInterceptor outer = this.interceptor;
        this.interceptor = outer == NO_INTERCEPTOR ? next : new McpCallInterceptor() {
            @Override
            public <T> reactor.core.publisher.Mono<T> intercept(McpCall call, reactor.core.publisher.Mono<T> execution) {
                return outer.intercept(call, next.intercept(call, execution));
            }
        };
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

    /** A header sent with every HTTP request. */
    public McpClientBuilder header(String name, String value) {
        return http(b -> b.header(name, value), b -> b.header(name, value));
    }

    /** Adjusts the headers of every HTTP request just before it is sent. */
    public McpClientBuilder headers(Consumer<HttpHeaders> customizer) {
        return http(b -> b.headers(customizer), b -> b.headers(customizer));
    }

    /** The {@code WebClient.Builder} to build on; cloned, not changed. */
    public McpClientBuilder webClientBuilder(WebClient.Builder builder) {
        return http(b -> b.webClientBuilder(builder), b -> b.webClientBuilder(builder));
    }

    /** The largest message accepted, in bytes; default 16 MiB. */
    public McpClientBuilder maxMessageSize(int bytes) {
        if (stdio != null) {
            stdio.maxMessageSize(bytes);
            return this;
        }
        return http(b -> b.maxMessageSize(bytes), b -> b.maxMessageSize(bytes));
    }

    /** Whether to open the background {@code GET} stream; default true. */
    public McpClientBuilder backgroundStream(boolean enabled) {
        http().backgroundStream(enabled);
        return this;
    }

    /** How streams are reconnected and resumed. */
    public McpClientBuilder reconnect(ReconnectPolicy policy) {
        return http(b -> b.reconnect(policy), b -> b.reconnect(policy));
    }

    /**
     * Whether a Streamable HTTP client whose {@code initialize} POST is answered with 400, 404 or 405
     * tries the HTTP+SSE transport of revision 2024-11-05 at the same URL instead; default true for
     * {@link McpClient#streamableHttp(String)}, and for {@link McpClient#builder(McpTransport)} with a
     * {@link StreamableHttpTransport} only when set.
     */
    public McpClientBuilder legacySseFallback(boolean enabled) {
        if (http == null && !(transport instanceof StreamableHttpTransport)) {
            throw new IllegalStateException("legacySseFallback applies to the Streamable HTTP transport only");
        }
        this.legacySseFallback = enabled;
        return this;
    }

    /**
     * How long {@code close} waits for the session's {@code DELETE}; for stdio, how long it waits for the
     * process to exit after its input closed, and again after asking it to stop, before killing it.
     * Default 5 s.
     */
    public McpClientBuilder closeTimeout(Duration timeout) {
        if (stdio != null) {
            stdio.closeTimeout(timeout);
        } else {
            http().closeTimeout(timeout);
        }
        return this;
    }

    /** Sets an environment variable of the server process (added to the inherited environment). */
    public McpClientBuilder env(String name, String value) {
        stdio().env(name, value);
        return this;
    }

    /** The working directory of the server process; default this JVM's. */
    public McpClientBuilder workingDirectory(Path directory) {
        stdio().workingDirectory(directory);
        return this;
    }

    /** The blocking client. */
    public McpClient build() {
        return new DefaultMcpClient(buildReactive());
    }

    /** The reactive client. */
    public ReactiveMcpClient buildReactive() {
        McpTransport t = transport();
        InboundDispatcher dispatcher = new InboundDispatcher();
        McpSession session = new McpSession(t, requestTimeout, dispatcher);
        ServerRequestHandlers handlers = new ServerRequestHandlers(roots, sampling, samplingCapability, elicitation,
                elicitationCapability);
        InitializeLifecycle lifecycle = new InitializeLifecycle(session, clientInfo, handlers.capabilities(capabilities),
                initializeTimeout != null ? initializeTimeout : requestTimeout);
        DefaultReactiveMcpClient client = new DefaultReactiveMcpClient(session, lifecycle, dispatcher, interceptor,
                serverName, validateToolOutput ? new ToolOutputValidator() : null, handlers.hasRoots());
        handlers.registerOn(dispatcher);
        new ServerNotifications(listeners, dispatcher, () -> client.serverName(serverName)).registerOn(client);
        session.start(lifecycle);
        return client;
    }

    private StreamableHttpTransport.Builder http() {
        if (http == null) {
            throw new IllegalStateException("this option applies to the Streamable HTTP transport only");
        }
        return http;
    }

    private McpTransport transport() {
        if (stdio != null) {
            return stdio.build();
        }
        if (sse != null) {
            return sse.build();
        }
        McpTransport t = transport != null ? transport : http.build();
        boolean fallback = legacySseFallback != null ? legacySseFallback : http != null;
        return fallback ? SseFallbackTransport.of((StreamableHttpTransport) t) : t;
    }

    private McpClientBuilder http(Consumer<StreamableHttpTransport.Builder> streamable,
            Consumer<LegacySseTransport.Builder> legacy) {
        if (http != null) {
            streamable.accept(http);
        } else if (sse != null) {
            legacy.accept(sse);
        } else {
            throw new IllegalStateException("this option applies to the HTTP transports only");
        }
        return this;
    }

    private StdioTransport.Builder stdio() {
        if (stdio == null) {
            throw new IllegalStateException("this option applies to the stdio transport only");
        }
        return stdio;
    }

    private static Duration positive(Duration d) {
        Objects.requireNonNull(d, "timeout");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + d);
        }
        return d;
    }
}
