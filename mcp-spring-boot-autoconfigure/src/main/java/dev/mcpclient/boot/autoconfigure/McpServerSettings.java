package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.schema.Implementation;
import dev.mcpclient.schema.ProtocolVersions;
import dev.mcpclient.transport.http.ReconnectPolicy;
import dev.mcpclient.transport.http.UrlRedaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.core.env.PropertyResolver;

/**
 * What one server's beans are built from: its {@link McpServerProperties} with every default
 * resolved (the request and initialize timeouts inherited from {@link McpClientProperties}, the
 * client's name and version from {@code spring.application.*}), in the types the builders take.
 * {@link #resolve Resolved} once, after the configuration was validated.
 *
 * <p>Options that do not apply to the server's transport have their neutral value: no headers,
 * background stream or fallback for {@code stdio}; no URL, command, arguments, environment or working
 * directory for the HTTP transports.
 *
 * @param name the server's name under {@code mcp.client.servers}
 * @param transport how the server is reached
 * @param url the server's URL as configured (stripped), secrets included; {@code null} for {@code stdio}
 * @param requestTimeout the timeout of every call to this server
 * @param initializeTimeout the timeout of this server's handshake: {@code initialize}, and
 *     {@code server/discover} (the client's builder caps the era probe of {@code auto} at 10 s)
 * @param protocolVersion the revision to speak, {@link #AUTO_PROTOCOL_VERSION} (the era detected) or
 *     one of {@link #PROTOCOL_VERSIONS} (pinned)
 * @param clientInfo the name and version the client gives the server
 * @param headers the headers of every HTTP request, in configuration order
 * @param maxMessageSize the largest message accepted, in bytes
 * @param closeTimeout how long each step of closing may take
 * @param reconnect how streams are reopened, and how long connecting in the background waits between attempts
 * @param backgroundStream whether the background {@code GET} stream is opened (Streamable HTTP only)
 * @param legacySseFallback whether a server that rejects the {@code initialize} POST is tried over
 *     HTTP+SSE (Streamable HTTP only)
 * @param command the program that starts the server ({@code stdio} only), or {@code null}
 * @param args the program's arguments ({@code stdio} only)
 * @param env the environment variables set for the process ({@code stdio} only), secrets included
 * @param workingDirectory the working directory of the process, or {@code null} for the application's
 * @param required whether the application needs this server to start
 * @param toolsInclude the tools offered to Spring AI ({@code tools.include}: names, globs or
 *     {@code regex:} expressions); every tool when empty
 * @param toolsExclude the tools never offered to Spring AI ({@code tools.exclude})
 * @param auth how the server's requests are authorized ({@link McpServerAuthSettings#NONE} for {@code stdio})
 * @since 0.2.0
 */
public record McpServerSettings(String name, McpTransportType transport, String url, Duration requestTimeout,
        Duration initializeTimeout, String protocolVersion, Implementation clientInfo, Map<String, String> headers,
        int maxMessageSize, Duration closeTimeout, ReconnectPolicy reconnect, boolean backgroundStream,
        boolean legacySseFallback, String command, List<String> args, Map<String, String> env, Path workingDirectory,
        boolean required, List<String> toolsInclude, List<String> toolsExclude, McpServerAuthSettings auth) {

    /**
     * The {@code protocol-version} that detects the era: {@code server/discover} at the newest revision
     * first, the {@code initialize} handshake when the server does not speak it (the default).
     */
    public static final String AUTO_PROTOCOL_VERSION = "auto";

    /**
     * Every valid {@code protocol-version}: {@link #AUTO_PROTOCOL_VERSION}, then the revisions the
     * client can be pinned to, newest first (the modern ones of {@link ProtocolVersions#MODERN}, the
     * handshake ones of {@link ProtocolVersions#SUPPORTED}).
     */
    public static final List<String> PROTOCOL_VERSIONS = Stream.of(List.of(AUTO_PROTOCOL_VERSION),
            ProtocolVersions.MODERN, ProtocolVersions.SUPPORTED).flatMap(List::stream).toList();

    private static final String MASK = "******";

    /** Copies the collections, keeping their order. */
    public McpServerSettings {
        headers = ordered(headers);
        args = List.copyOf(args);
        env = ordered(env);
        toolsInclude = toolsInclude == null ? List.of() : List.copyOf(toolsInclude);
        toolsExclude = toolsExclude == null ? List.of() : List.copyOf(toolsExclude);
        auth = auth == null ? McpServerAuthSettings.NONE : auth;
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
        Duration requestTimeout = server.getRequestTimeout() != null ? server.getRequestTimeout()
                : properties.getRequestTimeout();
        Duration initializeTimeout = server.getInitializeTimeout() != null ? server.getInitializeTimeout()
                : properties.getInitializeTimeout() != null ? properties.getInitializeTimeout() : requestTimeout;
        Implementation clientInfo = new Implementation(
                properties.getClientName() != null ? properties.getClientName()
                        : environment.getProperty("spring.application.name", McpClientBuilder.DEFAULT_CLIENT_NAME),
                properties.getClientVersion() != null ? properties.getClientVersion()
                        : environment.getProperty("spring.application.version", "unknown"));
        McpReconnectProperties reconnect = server.getReconnect();
        ReconnectPolicy reconnectPolicy = new ReconnectPolicy(reconnect.getInitialDelay(), reconnect.getMaxDelay(),
                reconnect.getMaxAttemptsWithoutProgress());
        boolean stdio = server.getTransport() == McpTransportType.STDIO;
        boolean streamableHttp = server.getTransport() == McpTransportType.STREAMABLE_HTTP;
        return new McpServerSettings(name, server.getTransport(), stdio ? null : server.getUrl().strip(),
                requestTimeout, initializeTimeout, protocolVersion(server.getProtocolVersion()), clientInfo,
                stdio ? Map.of() : server.getHeaders(), Math.toIntExact(server.getMaxMessageSize().toBytes()),
                server.getCloseTimeout(), reconnectPolicy,
                streamableHttp && server.isBackgroundStream(), streamableHttp && server.isLegacySseFallback(),
                stdio ? server.getCommand().strip() : null, stdio ? server.getArgs() : List.of(),
                stdio ? server.getEnv() : Map.of(), stdio ? server.getWorkingDir() : null, server.isRequired(),
                server.getTools().getInclude(), server.getTools().getExclude(),
                stdio ? McpServerAuthSettings.NONE : McpServerAuthSettings.of(server.getAuth()));
    }

    /**
     * {@code configured} as the client builder takes it (stripped, {@code auto} in any case as
     * {@link #AUTO_PROTOCOL_VERSION}), or {@code null} when it is none of {@link #PROTOCOL_VERSIONS}.
     */
    static String protocolVersion(String configured) {
        if (configured == null) {
            return null;
        }
        String value = configured.strip();
        if (value.equalsIgnoreCase(AUTO_PROTOCOL_VERSION)) {
            return AUTO_PROTOCOL_VERSION;
        }
        return PROTOCOL_VERSIONS.contains(value) ? value : null;
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

    /** Header and variable values masked, the URL as {@link #displayUrl()} shows it. */
    @Override
    public String toString() {
        return "McpServerSettings[name=" + name + ", transport=" + transport.propertyValue() + ", url=" + displayUrl()
                + ", requestTimeout=" + requestTimeout + ", initializeTimeout=" + initializeTimeout
                + ", protocolVersion=" + protocolVersion + ", clientInfo=" + clientInfo.name() + " "
                + clientInfo.version() + ", headers=" + masked(headers) + ", maxMessageSize=" + maxMessageSize
                + ", closeTimeout=" + closeTimeout + ", reconnect=" + reconnect + ", backgroundStream=" + backgroundStream
                + ", legacySseFallback=" + legacySseFallback + ", args=" + args + ", env=" + masked(env)
                + ", workingDirectory=" + workingDirectory + ", required=" + required + ", auth=" + auth + "]";
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
