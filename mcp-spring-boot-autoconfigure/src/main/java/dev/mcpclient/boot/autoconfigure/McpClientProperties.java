package dev.mcpclient.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the MCP clients: one entry under {@code mcp.client.servers} per server.
 *
 * <pre>
 * mcp:
 *   client:
 *     request-timeout: 30s
 *     servers:
 *       weather:
 *         url: http://localhost:8081/mcp
 *         headers: { X-Api-Key: secret }
 *       files:
 *         transport: stdio
 *         command: npx
 *         args: [ "-y", "@modelcontextprotocol/server-filesystem", "/tmp" ]
 * </pre>
 */
@ConfigurationProperties(prefix = McpClientProperties.PREFIX, ignoreUnknownFields = false)
public class McpClientProperties {

    /** The prefix of every property. */
    public static final String PREFIX = "mcp.client";

    /**
     * Whether to create MCP clients at all.
     */
    private boolean enabled = true;

    /**
     * Default timeout of every call, including waiting for the session, for servers that set none.
     */
    private Duration requestTimeout = Duration.ofSeconds(30);

    /**
     * Default timeout of the initialize handshake, for servers that set none. Defaults to the request
     * timeout.
     */
    private Duration initializeTimeout;

    /**
     * Name the client gives the servers. Defaults to 'spring.application.name'.
     */
    private String clientName;

    /**
     * Version the client gives the servers. Defaults to 'spring.application.version'.
     */
    private String clientVersion;

    /**
     * The MCP servers to connect to, by name. The name qualifies the server's beans.
     */
    private Map<String, Server> servers = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
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

    public String getClientName() {
        return clientName;
    }

    public void setClientName(String clientName) {
        this.clientName = clientName;
    }

    public String getClientVersion() {
        return clientVersion;
    }

    public void setClientVersion(String clientVersion) {
        this.clientVersion = clientVersion;
    }

    public Map<String, Server> getServers() {
        return servers;
    }

    public void setServers(Map<String, Server> servers) {
        this.servers = servers;
    }

    /** The servers whose clients are created, in configuration order. */
    public Map<String, Server> enabledServers() {
        Map<String, Server> enabled = new LinkedHashMap<>();
        servers.forEach((name, server) -> {
            if (server.isEnabled()) {
                enabled.put(name, server);
            }
        });
        return enabled;
    }

    /** The timeout of calls to {@code server}. */
    public Duration requestTimeout(Server server) {
        return server.getRequestTimeout() != null ? server.getRequestTimeout() : requestTimeout;
    }

    /** The timeout of {@code server}'s initialize handshake. */
    public Duration initializeTimeout(Server server) {
        if (server.getInitializeTimeout() != null) {
            return server.getInitializeTimeout();
        }
        return initializeTimeout != null ? initializeTimeout : requestTimeout(server);
    }

    @Override
    public String toString() {
        return "McpClientProperties[enabled=" + enabled + ", requestTimeout=" + requestTimeout + ", initializeTimeout="
                + initializeTimeout + ", clientName=" + clientName + ", clientVersion=" + clientVersion + ", servers="
                + servers + "]";
    }

    /** The transports a server can be reached by. */
    public enum Transport {

        /**
         * Streamable HTTP (MCP 2025-03-26 and later); falls back to SSE when the server rejects the
         * initialize POST with 400, 404 or 405, unless legacy-sse-fallback is false.
         */
        STREAMABLE_HTTP,

        /** The HTTP+SSE transport of MCP 2024-11-05: 'url' is the server's event stream. */
        SSE,

        /** A local server process started with 'command' and 'args', spoken to over its stdin and stdout. */
        STDIO
    }

    /** One MCP server. */
    public static class Server {

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
        private Transport transport = Transport.STREAMABLE_HTTP;

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
         * Timeout of the initialize handshake. Defaults to 'mcp.client.initialize-timeout', then to
         * the request timeout.
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
        private DataSize maxMessageSize = DataSize.ofMegabytes(16);

        /**
         * How long shutdown waits for the server to end the session (the HTTP DELETE); for stdio,
         * how long it waits for the process to exit after its input closed, and again after asking
         * it to stop, before killing it.
         */
        private Duration closeTimeout = Duration.ofSeconds(5);

        /**
         * How streams are resumed and the connection is retried.
         */
        private final Reconnect reconnect = new Reconnect();

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

        public Transport getTransport() {
            return transport;
        }

        public void setTransport(Transport transport) {
            this.transport = transport;
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

        public Reconnect getReconnect() {
            return reconnect;
        }

        /**
         * The URL without user info or query: safe to show in logs and health details; for transport
         * stdio, {@code stdio:} and the command (without its arguments).
         */
        public String displayUrl() {
            if (transport == Transport.STDIO) {
                return "stdio:" + command;
            }
            return McpUrls.redact(url);
        }

        /** {@code text} (an error message) with this server's URL shown as {@link #displayUrl()}. */
        public String redact(String text) {
            if (text == null || url == null || url.isBlank()) {
                return text;
            }
            return text.replace(url.strip(), displayUrl());
        }

        @Override
        public String toString() {
            Map<String, String> masked = new LinkedHashMap<>();
            headers.keySet().forEach(name -> masked.put(name, "******"));
            Map<String, String> maskedEnv = new LinkedHashMap<>();
            env.keySet().forEach(name -> maskedEnv.put(name, "******"));
            String stdio = transport != Transport.STDIO ? "" : ", command=" + command + ", args=" + args + ", env="
                    + maskedEnv + ", workingDir=" + workingDir;
            return "Server[url=" + displayUrl() + stdio + ", enabled=" + enabled + ", transport=" + transport
                    + ", legacySseFallback=" + legacySseFallback + ", required="
                    + required + ", requestTimeout=" + requestTimeout + ", initializeTimeout=" + initializeTimeout
                    + ", headers=" + masked + ", backgroundStream=" + backgroundStream + ", maxMessageSize="
                    + maxMessageSize + ", closeTimeout=" + closeTimeout + ", reconnect=" + reconnect + "]";
        }
    }

    /** When streams are resumed and the connection retried. */
    public static class Reconnect {

        /**
         * Delay before the first reconnect, doubled on each attempt, when the server asked for none.
         */
        private Duration initialDelay = Duration.ofMillis(250);

        /**
         * Largest delay between reconnects.
         */
        private Duration maxDelay = Duration.ofSeconds(30);

        /**
         * Reconnects in a row that bring no new event before a request's stream is given up.
         */
        private int maxAttemptsWithoutProgress = 5;

        public Duration getInitialDelay() {
            return initialDelay;
        }

        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        public Duration getMaxDelay() {
            return maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }

        public int getMaxAttemptsWithoutProgress() {
            return maxAttemptsWithoutProgress;
        }

        public void setMaxAttemptsWithoutProgress(int maxAttemptsWithoutProgress) {
            this.maxAttemptsWithoutProgress = maxAttemptsWithoutProgress;
        }

        @Override
        public String toString() {
            return "Reconnect[initialDelay=" + initialDelay + ", maxDelay=" + maxDelay + ", maxAttemptsWithoutProgress="
                    + maxAttemptsWithoutProgress + "]";
        }
    }
}
