package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.schema.Implementation;
import dev.mcpclient.transport.http.ReconnectPolicy;
import dev.mcpclient.transport.http.UrlRedaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.PropertyResolver;

/**
 * What one server's beans are built from: its {@link McpServerProperties} with every default
 * resolved (the request and initialize timeouts inherited from {@link McpClientProperties}, the
 * client's name and version from {@code spring.application.*}), in the types the builders take.
 * Resolved once, after the configuration was validated; immutable.
 *
 * <p>Options that do not apply to the server's transport have their neutral value: no headers,
 * background stream or fallback for {@code stdio}, no URL, arguments or environment for the HTTP
 * transports.
 */
public final class McpServerSettings {

    private static final String MASK = "******";

    private final String name;
    private final McpTransportType transport;
    private final String url;
    private final Duration requestTimeout;
    private final Duration initializeTimeout;
    private final Implementation clientInfo;
    private final Map<String, String> headers;
    private final int maxMessageSize;
    private final Duration closeTimeout;
    private final ReconnectPolicy reconnect;
    private final boolean backgroundStream;
    private final boolean legacySseFallback;
    private final String command;
    private final List<String> args;
    private final Map<String, String> env;
    private final Path workingDirectory;
    private final boolean required;

    private McpServerSettings(String name, McpServerProperties server, McpClientProperties defaults,
            Implementation clientInfo) {
        boolean stdio = server.getTransport() == McpTransportType.STDIO;
        boolean streamableHttp = server.getTransport() == McpTransportType.STREAMABLE_HTTP;
        this.name = name;
        this.transport = server.getTransport();
        this.url = stdio ? null : server.getUrl().strip();
        this.requestTimeout = server.getRequestTimeout() != null ? server.getRequestTimeout()
                : defaults.getRequestTimeout();
        this.initializeTimeout = server.getInitializeTimeout() != null ? server.getInitializeTimeout()
                : defaults.getInitializeTimeout() != null ? defaults.getInitializeTimeout() : requestTimeout;
        this.clientInfo = clientInfo;
        this.headers = stdio ? Map.of() : ordered(server.getHeaders());
        this.maxMessageSize = Math.toIntExact(server.getMaxMessageSize().toBytes());
        this.closeTimeout = server.getCloseTimeout();
        McpReconnectProperties reconnect = server.getReconnect();
        this.reconnect = new ReconnectPolicy(reconnect.getInitialDelay(), reconnect.getMaxDelay(),
                reconnect.getMaxAttemptsWithoutProgress());
        this.backgroundStream = streamableHttp && server.isBackgroundStream();
        this.legacySseFallback = streamableHttp && server.isLegacySseFallback();
        this.command = stdio ? server.getCommand().strip() : null;
        this.args = stdio ? List.copyOf(server.getArgs()) : List.of();
        this.env = stdio ? ordered(server.getEnv()) : Map.of();
        this.workingDirectory = stdio ? server.getWorkingDir() : null;
        this.required = server.isRequired();
    }

    /**
     * The settings of server {@code name} under {@code properties}, which must have been validated.
     *
     * @param environment where {@code spring.application.name} and {@code spring.application.version}
     *     are read when {@code mcp.client.client-name} and {@code client-version} are not set
     * @throws IllegalArgumentException when there is no server of that name
     */
    public static McpServerSettings resolve(String name, McpClientProperties properties, PropertyResolver environment) {
        McpServerProperties server = properties.getServers().get(name);
        if (server == null) {
            throw new IllegalArgumentException("No MCP server '" + name + "' under " + McpClientProperties.PREFIX
                    + ".servers");
        }
        String clientName = properties.getClientName() != null ? properties.getClientName()
                : environment.getProperty("spring.application.name", "mcp-client-java");
        String clientVersion = properties.getClientVersion() != null ? properties.getClientVersion()
                : environment.getProperty("spring.application.version", "unknown");
        return new McpServerSettings(name, server, properties, new Implementation(clientName, clientVersion));
    }

    /** The server's name under {@code mcp.client.servers}. */
    public String name() {
        return name;
    }

    /** How the server is reached. */
    public McpTransportType transport() {
        return transport;
    }

    /** The server's URL as configured (stripped), secrets included; {@code null} for {@code stdio}. */
    public String url() {
        return url;
    }

    /**
     * The URL as it may be shown in logs and health details ({@link UrlRedaction}: no user info, no
     * query); for {@code stdio}, {@code stdio:} and the command (without its arguments).
     */
    public String displayUrl() {
        return transport == McpTransportType.STDIO ? "stdio:" + command : UrlRedaction.redact(url);
    }

    /** {@code text} (an error message) with this server's URL shown as {@link #displayUrl()} shows it. */
    public String redact(String text) {
        return UrlRedaction.redactIn(text, url);
    }

    /** The timeout of every call to this server. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The timeout of this server's {@code initialize} handshake. */
    public Duration initializeTimeout() {
        return initializeTimeout;
    }

    /** The name and version the client gives the server. */
    public Implementation clientInfo() {
        return clientInfo;
    }

    /** The headers of every HTTP request, in configuration order. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The largest message accepted, in bytes. */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** How long each step of closing may take. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** How streams are reopened, and how long connecting in the background waits between attempts. */
    public ReconnectPolicy reconnect() {
        return reconnect;
    }

    /** Whether the background {@code GET} stream is opened (Streamable HTTP only). */
    public boolean backgroundStream() {
        return backgroundStream;
    }

    /** Whether a server that rejects the {@code initialize} POST is tried over HTTP+SSE (Streamable HTTP only). */
    public boolean legacySseFallback() {
        return legacySseFallback;
    }

    /** The program that starts the server ({@code stdio} only), or {@code null}. */
    public String command() {
        return command;
    }

    /** The program's arguments ({@code stdio} only). */
    public List<String> args() {
        return args;
    }

    /** The environment variables set for the process ({@code stdio} only), secrets included. */
    public Map<String, String> env() {
        return env;
    }

    /** The working directory of the process, or {@code null} for the application's ({@code stdio} only). */
    public Path workingDirectory() {
        return workingDirectory;
    }

    /** Whether the application needs this server to start. */
    public boolean required() {
        return required;
    }

    /** Header and variable values masked, the URL as {@link #displayUrl()} shows it. */
    @Override
    public String toString() {
        return "McpServerSettings[name=" + name + ", transport=" + transport.propertyValue() + ", url=" + displayUrl()
                + ", requestTimeout=" + requestTimeout + ", initializeTimeout=" + initializeTimeout + ", clientInfo="
                + clientInfo.name() + " " + clientInfo.version() + ", headers=" + masked(headers) + ", maxMessageSize="
                + maxMessageSize + ", closeTimeout=" + closeTimeout + ", reconnect=" + reconnect + ", backgroundStream="
                + backgroundStream + ", legacySseFallback=" + legacySseFallback + ", args=" + args + ", env="
                + masked(env) + ", workingDirectory=" + workingDirectory + ", required=" + required + "]";
    }

    /** The names of {@code values} with every value masked. */
    static Map<String, String> masked(Map<String, String> values) {
        Map<String, String> masked = new LinkedHashMap<>();
        values.keySet().forEach(key -> masked.put(key, MASK));
        return masked;
    }

    private static Map<String, String> ordered(Map<String, String> values) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
