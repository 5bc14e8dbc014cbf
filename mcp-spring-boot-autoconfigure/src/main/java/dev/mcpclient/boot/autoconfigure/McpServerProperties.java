package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.transport.TransportBuilder;
import dev.mcpclient.transport.http.UrlRedaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * One MCP server, as configured under {@code mcp.client.servers.<name>}. What the server's beans are
 * built from is {@link McpServerSettings}, resolved from this and the defaults of
 * {@link McpClientProperties}. The defaults of the transport options are the transport builders'
 * ({@link TransportBuilder#DEFAULT_MAX_MESSAGE_SIZE}, {@link TransportBuilder#DEFAULT_CLOSE_TIMEOUT}).
 *
 * <p>The nested groups ({@code reconnect}, {@code tools}, {@code auth}) are marked
 * {@link NestedConfigurationProperty}, so that the binding hints of a native image reach their properties.
 *
 * @since 0.2.0
 */
public class McpServerProperties {

    /**
     * Whether to create this server's client.
     */
    private boolean enabled = true;

    /**
     * The server's endpoint, e.g. http://localhost:8081/mcp; for transport 'sse', the URL of its
     * event stream, e.g. http://localhost:8081/sse. Not used with transport 'stdio'.
     */
    private String url;

    /**
     * How to reach the server: streamable-http, sse (the HTTP+SSE transport of MCP 2024-11-05) or
     * stdio (a local process).
     */
    private McpTransportType transport = McpTransportType.STREAMABLE_HTTP;

    /**
     * The MCP revision to speak: 'auto' (the default) asks with server/discover whether the server
     * speaks 2026-07-28 and falls back to the initialize handshake of the earlier revisions when it
     * does not; a revision (2026-07-28, 2025-11-25, 2025-06-18 or 2025-03-26) pins the client to it,
     * with no detection and no fallback to the other era.
     */
    private String protocolVersion = McpServerSettings.AUTO_PROTOCOL_VERSION;

    /**
     * Whether a streamable-http server that rejects the initialize POST with 400, 404 or 405 is
     * tried again over the HTTP+SSE transport of MCP 2024-11-05 at the same URL.
     */
    private boolean legacySseFallback = true;

    /**
     * For transport 'stdio': the program that starts the server, e.g. npx, node, java or a path.
     */
    private String command;

    /**
     * For transport 'stdio': the program's arguments.
     */
    private List<String> args = new ArrayList<>();

    /**
     * For transport 'stdio': environment variables of the process, added to (or replacing) the
     * inherited ones. Values never appear in logs, health details or toString().
     */
    private Map<String, String> env = new LinkedHashMap<>();

    /**
     * For transport 'stdio': the working directory of the process. Defaults to the application's.
     */
    private Path workingDir;

    /**
     * Whether the application must connect to this server to start. When false, connecting
     * happens in the background and is retried until it succeeds.
     */
    private boolean required = false;

    /**
     * Timeout of every call to this server, including waiting for the session. Defaults to
     * 'mcp.client.request-timeout'.
     */
    private Duration requestTimeout;

    /**
     * Timeout of the handshake: initialize, and server/discover (at most 10s while 'auto' finds the
     * era). Defaults to 'mcp.client.initialize-timeout', then to the request timeout.
     */
    private Duration initializeTimeout;

    /**
     * HTTP headers sent with every request, e.g. an API key. Values never appear in logs, health
     * details or toString().
     */
    private Map<String, String> headers = new LinkedHashMap<>();

    /**
     * Whether to open the background GET stream that carries the server's own messages.
     */
    private boolean backgroundStream = true;

    /**
     * Largest message accepted: a JSON body, one event of a stream, or one line from a process.
     */
    private DataSize maxMessageSize = DataSize.ofBytes(TransportBuilder.DEFAULT_MAX_MESSAGE_SIZE);

    /**
     * How long shutdown waits for the server to end the session (the HTTP DELETE); for stdio,
     * how long it waits for the process to exit after its input closed, and again after asking
     * it to stop, before killing it.
     */
    private Duration closeTimeout = TransportBuilder.DEFAULT_CLOSE_TIMEOUT;

    /**
     * How streams are resumed and the connection is retried.
     */
    @NestedConfigurationProperty
    private final McpReconnectProperties reconnect = new McpReconnectProperties();

    /**
     * Which of the server's tools are offered to Spring AI.
     */
    @NestedConfigurationProperty
    private final McpServerToolsProperties tools = new McpServerToolsProperties();

    /**
     * How requests to this server are authorized (HTTP transports only).
     */
    @NestedConfigurationProperty
    private final McpServerAuthProperties auth = new McpServerAuthProperties();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public McpTransportType getTransport() {
        return transport;
    }

    public void setTransport(McpTransportType transport) {
        this.transport = transport;
    }

    public String getProtocolVersion() {
        return protocolVersion;
    }

    public void setProtocolVersion(String protocolVersion) {
        this.protocolVersion = protocolVersion;
    }

    public boolean isLegacySseFallback() {
        return legacySseFallback;
    }

    public void setLegacySseFallback(boolean legacySseFallback) {
        this.legacySseFallback = legacySseFallback;
    }

    public String getCommand() {
        return command;
    }

    public void setCommand(String command) {
        this.command = command;
    }

    public List<String> getArgs() {
        return args;
    }

    public void setArgs(List<String> args) {
        this.args = args;
    }

    public Map<String, String> getEnv() {
        return env;
    }

    public void setEnv(Map<String, String> env) {
        this.env = env;
    }

    public Path getWorkingDir() {
        return workingDir;
    }

    public void setWorkingDir(Path workingDir) {
        this.workingDir = workingDir;
    }

    public boolean isRequired() {
        return required;
    }

    public void setRequired(boolean required) {
        this.required = required;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getInitializeTimeout() {
        return initializeTimeout;
    }

    public void setInitializeTimeout(Duration initializeTimeout) {
        this.initializeTimeout = initializeTimeout;
    }

    public Map<String, String> getHeaders() {
        return headers;
    }

    public void setHeaders(Map<String, String> headers) {
        this.headers = headers;
    }

    public boolean isBackgroundStream() {
        return backgroundStream;
    }

    public void setBackgroundStream(boolean backgroundStream) {
        this.backgroundStream = backgroundStream;
    }

    public DataSize getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(DataSize maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public Duration getCloseTimeout() {
        return closeTimeout;
    }

    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    public McpReconnectProperties getReconnect() {
        return reconnect;
    }

    public McpServerToolsProperties getTools() {
        return tools;
    }

    public McpServerAuthProperties getAuth() {
        return auth;
    }

    /** Header and variable values masked, the URL shown as {@link UrlRedaction} shows it. */
    @Override
    public String toString() {
        String stdio = transport != McpTransportType.STDIO ? "" : ", command=" + command + ", args=" + args + ", env="
                + McpServerSettings.masked(env) + ", workingDir=" + workingDir;
        return "Server[url=" + UrlRedaction.redact(url) + stdio + ", enabled=" + enabled + ", transport=" + transport
                + ", protocolVersion=" + protocolVersion + ", legacySseFallback=" + legacySseFallback + ", required="
                + required + ", requestTimeout=" + requestTimeout + ", initializeTimeout=" + initializeTimeout + ", headers="
                + McpServerSettings.masked(headers) + ", backgroundStream=" + backgroundStream + ", maxMessageSize="
                + maxMessageSize + ", closeTimeout=" + closeTimeout + ", reconnect=" + reconnect + ", tools=" + tools + ", auth=" + auth + "]";
    }
}
