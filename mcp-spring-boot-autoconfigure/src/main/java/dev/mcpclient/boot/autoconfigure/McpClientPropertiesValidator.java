package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.schema.ProtocolVersions;
import dev.mcpclient.transport.TransportBuilder;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.util.unit.DataSize;

/** Checks what binding cannot: required values, URLs, ranges and server names that would clash. */
final class McpClientPropertiesValidator {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    /** What starts a regular expression among tool names and globs. */
    private static final String REGEX = "regex:";
    private static final DataSize MIN_MESSAGE_SIZE = DataSize.ofBytes(TransportBuilder.MIN_MESSAGE_SIZE);
    private static final DataSize MAX_MESSAGE_SIZE = DataSize.ofBytes(Integer.MAX_VALUE);

    private McpClientPropertiesValidator() {
    }

    static void validate(McpClientProperties properties) {
        positive(McpClientProperties.PREFIX + ".request-timeout", properties.getRequestTimeout());
        positiveIfSet(McpClientProperties.PREFIX + ".initialize-timeout", properties.getInitializeTimeout());
        names(properties.getServers().keySet());
        properties.enabledServers().forEach(McpClientPropertiesValidator::server);
        String springAi = McpClientProperties.PREFIX + ".spring-ai.";
        positive(springAi + "list-tools-timeout", properties.getSpringAi().getListToolsTimeout());
        if (properties.getSpringAi().getToolNamePrefix() == null) {
            throw invalid(springAi + "tool-name-prefix", "must be when-needed, always or never");
        }
        namePatterns(springAi + "tool-context-keys", properties.getSpringAi().getToolContextKeys());
    }

    /** Names, globs or {@code regex:} expressions: no entry empty, every expression valid. */
    private static void namePatterns(String property, List<String> patterns) {
        for (String pattern : patterns) {
            if (pattern == null || pattern.isBlank()) {
                throw invalid(property, "must not contain an empty entry");
            }
            if (pattern.startsWith(REGEX)) {
                try {
                    Pattern.compile(pattern.substring(REGEX.length()));
                } catch (PatternSyntaxException e) {
                    throw new McpClientConfigurationException(List.of(property), property + " has an entry that is not a "
                            + "valid regular expression: '" + pattern + "' (" + e.getDescription() + ")",
                            "Correct the expression after 'regex:', or write a name or a glob (* and ?) instead.");
                }
            }
        }
    }

    private static void names(Iterable<String> names) {
        Map<String, List<String>> byBeanPrefix = new LinkedHashMap<>();
        for (String name : names) {
            if (!NAME.matcher(name).matches()) {
                throw new McpClientConfigurationException(List.of(server(name)),
                        "the server name '" + name + "' is not valid: use letters, digits, '-' and '_'",
                        "Rename the server under " + McpClientProperties.PREFIX + ".servers.");
            }
            byBeanPrefix.computeIfAbsent(McpServerBeanNames.prefix(name).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(name);
        }
        for (List<String> same : byBeanPrefix.values()) {
            if (same.size() > 1) {
                List<String> properties = same.stream().map(McpClientPropertiesValidator::server).toList();
                throw new McpClientConfigurationException(properties, "the servers " + String.join(" and ", properties)
                        + " have the same name once relaxed (their beans would be "
                        + McpServerBeanNames.client(same.get(0)) + ")",
                        "Give every server under " + McpClientProperties.PREFIX
                                + ".servers a distinct name, or merge the duplicate entries.");
            }
        }
    }

    private static void server(String name, McpServerProperties server) {
        String prefix = server(name) + ".";
        if (server.getTransport() == McpTransportType.STDIO) {
            stdio(name, prefix, server);
        } else {
            if ((server.getUrl() == null || server.getUrl().isBlank()) && server.getCommand() != null) {
                throw new McpClientConfigurationException(List.of(prefix + "command", prefix + "transport"),
                        prefix + "command is set, but the transport is " + server.getTransport().propertyValue()
                                + ", which needs a url",
                        "Set " + prefix + "transport=stdio to start the server as a process, or set " + prefix
                                + "url to its endpoint.");
            }
            url(name, prefix + "url", server.getUrl());
        }
        protocolVersion(prefix, server);
        positiveIfSet(prefix + "request-timeout", server.getRequestTimeout());
        positiveIfSet(prefix + "initialize-timeout", server.getInitializeTimeout());
        positive(prefix + "close-timeout", server.getCloseTimeout());
        DataSize size = server.getMaxMessageSize();
        if (size == null || size.compareTo(MIN_MESSAGE_SIZE) < 0 || size.compareTo(MAX_MESSAGE_SIZE) > 0) {
            throw invalid(prefix + "max-message-size", "must be between " + shown(MIN_MESSAGE_SIZE) + " and "
                    + shown(MAX_MESSAGE_SIZE) + ", but is " + size);
        }
        McpReconnectProperties reconnect = server.getReconnect();
        positive(prefix + "reconnect.initial-delay", reconnect.getInitialDelay());
        positive(prefix + "reconnect.max-delay", reconnect.getMaxDelay());
        if (reconnect.getMaxDelay().compareTo(reconnect.getInitialDelay()) < 0) {
            throw invalid(prefix + "reconnect.max-delay", "must not be shorter than reconnect.initial-delay ("
                    + reconnect.getInitialDelay() + "), but is " + reconnect.getMaxDelay());
        }
        if (reconnect.getMaxAttemptsWithoutProgress() < 1) {
            throw invalid(prefix + "reconnect.max-attempts-without-progress",
                    "must be at least 1, but is " + reconnect.getMaxAttemptsWithoutProgress());
        }
        namePatterns(prefix + "tools.include", server.getTools().getInclude());
        namePatterns(prefix + "tools.exclude", server.getTools().getExclude());
        server.getHeaders().forEach((header, value) -> {
            if (header.isBlank() || value == null) {
                throw invalid(prefix + "headers", "every header needs a name and a value");
            }
        });
        auth(prefix, server);
    }

    private static void auth(String prefix, McpServerProperties server) {
        oauth(prefix, server);
        McpServerAuthProperties.SpringSecurity springSecurity = server.getAuth().getSpringSecurity();
        String registrationId = prefix + "auth.spring-security.registration-id";
        String principal = prefix + "auth.spring-security.principal";
        if (springSecurity.getRegistrationId() == null) {
            if (springSecurity.getPrincipal() != null) {
                throw new McpClientConfigurationException(List.of(principal, registrationId),
                        principal + " is set, but " + registrationId + " is not",
                        "Set " + registrationId + " to the id of a client registration under "
                                + "spring.security.oauth2.client.registration, or remove " + principal + ".");
            }
            return;
        }
        if (server.getTransport() == McpTransportType.STDIO) {
            throw new McpClientConfigurationException(List.of(registrationId, prefix + "transport"),
                    registrationId + " is set, but the transport is stdio, whose requests are not HTTP requests",
                    "Remove " + prefix + "auth, or give the process its credentials in " + prefix + "env.");
        }
        if (springSecurity.getRegistrationId().isBlank()) {
            throw invalid(registrationId, "must not be empty");
        }
        if (springSecurity.getPrincipal() != null && springSecurity.getPrincipal().isBlank()) {
            throw invalid(principal, "must not be empty");
        }
    }

    /** The OAuth client's properties: not with spring-security nor stdio; what the grant needs. */
    private static void oauth(String prefix, McpServerProperties server) {
        McpServerAuthProperties auth = server.getAuth();
        if (!auth.isOAuthSet()) {
            return;
        }
        String a = prefix + "auth.";
        if (auth.getSpringSecurity().getRegistrationId() != null) {
            throw new McpClientConfigurationException(List.of(a + "spring-security.registration-id", a + "client-id"),
                    a + "spring-security.registration-id and the OAuth client's properties (" + a + "client-id, ...) "
                            + "are both set; a server's requests are authorized one way",
                    "Keep either " + a + "spring-security.* (tokens from Spring Security's OAuth2 client) or " + a
                            + "client-id, client-secret, grant-type... (the MCP client's own OAuth client).");
        }
        if (server.getTransport() == McpTransportType.STDIO) {
            throw new McpClientConfigurationException(List.of(a + "client-id", prefix + "transport"),
                    a + "* is set, but the transport is stdio, whose requests are not HTTP requests",
                    "Remove " + prefix + "auth, or give the process its credentials in " + prefix + "env.");
        }
        for (String[] text : new String[][] {{"client-id", auth.getClientId()}, {"client-secret", auth.getClientSecret()},
                {"client-name", auth.getClientName()}, {"scope", auth.getScope()}}) {
            if (text[1] != null && text[1].isBlank()) {
                throw invalid(a + text[0], "must not be empty");
            }
        }
        if (auth.getClientSecret() != null && auth.getClientId() == null) {
            throw new McpClientConfigurationException(List.of(a + "client-secret", a + "client-id"),
                    a + "client-secret is set, but " + a + "client-id is not",
                    "Set " + a + "client-id to the id the secret belongs to.");
        }
        url(a + "client-metadata-url", auth.getClientMetadataUrl());
        url(a + "redirect-uri", auth.getRedirectUri());
        url(a + "enterprise.idp-token-endpoint", auth.getEnterprise().getIdpTokenEndpoint());
        positive(a + "refresh-skew", auth.getRefreshSkew(), true);
        positive(a + "timeout", auth.getTimeout(), false);
        if (auth.getPrivateKey() != null && auth.getPrivateKeyLocation() != null) {
            throw new McpClientConfigurationException(List.of(a + "private-key", a + "private-key-location"),
                    a + "private-key and " + a + "private-key-location are both set", "Keep one of them.");
        }
        if (auth.getPrivateKeyLocation() != null && !auth.getPrivateKeyLocation().isReadable()) {
            throw invalid(a + "private-key-location", "cannot be read: " + auth.getPrivateKeyLocation().getDescription());
        }
        McpServerAuthSettings.OAuth oauth = McpServerAuthSettings.of(auth).oauth();
        boolean key = oauth.privateKey() != null;
        if (oauth.grantType() == McpServerAuthProperties.GrantType.CLIENT_CREDENTIALS
                && (auth.getClientId() == null || auth.getClientSecret() == null && !key)) {
            throw new McpClientConfigurationException(List.of(a + "grant-type", a + "client-id", a + "client-secret"),
                    "the client-credentials grant needs " + a + "client-id and " + a + "client-secret (or " + a
                            + "private-key)",
                    "Set them to the client registered with the server's authorization server.");
        }
        if (key && auth.getClientId() == null) {
            throw new McpClientConfigurationException(List.of(a + "private-key", a + "client-id"),
                    a + "private-key is set, but " + a + "client-id is not",
                    "Set " + a + "client-id to the client the key belongs to.");
        }
        if (oauth.grantType() == McpServerAuthProperties.GrantType.JWT_BEARER && auth.getAssertionFile() == null) {
            throw new McpClientConfigurationException(List.of(a + "grant-type", a + "assertion-file"),
                    "the jwt-bearer grant needs " + a + "assertion-file",
                    "Set " + a + "assertion-file to the file the workload's JWT is written to.");
        }
        if (oauth.grantType() == McpServerAuthProperties.GrantType.ENTERPRISE_MANAGED) {
            McpServerAuthProperties.Enterprise e = auth.getEnterprise();
            if (e.getIdpTokenEndpoint() == null || e.getIdTokenFile() == null || e.getIdpClientId() == null
                    || auth.getClientId() == null) {
                throw new McpClientConfigurationException(List.of(a + "grant-type", a + "enterprise.idp-token-endpoint",
                        a + "enterprise.id-token-file", a + "enterprise.idp-client-id", a + "client-id"),
                        "the enterprise-managed grant needs " + a + "enterprise.idp-token-endpoint, "
                                + a + "enterprise.id-token-file, " + a + "enterprise.idp-client-id and " + a + "client-id",
                        "Set them: the IdP's token endpoint, the file holding the user's ID token, this application's "
                                + "client id at the IdP and at the MCP server's authorization server.");
            }
        }
        if (oauth.grantType() == McpServerAuthProperties.GrantType.AUTHORIZATION_CODE && auth.getRedirectUri() == null) {
            throw new McpClientConfigurationException(List.of(a + "grant-type", a + "redirect-uri"),
                    "the authorization-code grant needs " + a + "redirect-uri"
                            + (auth.getGrantType() == null ? " (it is the grant because " + a + "client-secret is not set)" : ""),
                    "Set " + a + "redirect-uri to where the authorization server sends the user back, or, for a "
                            + "service acting on its own behalf, set " + a + "client-id and " + a + "client-secret "
                            + "(the client-credentials grant).");
        }
    }

    private static void url(String property, String value) {
        if (value == null) {
            return;
        }
        try {
            java.net.URI uri = new java.net.URI(value.strip());
            if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw invalid(property, "must be an http(s) URL, but is '" + value + "'");
            }
        } catch (java.net.URISyntaxException e) {
            throw invalid(property, "must be an http(s) URL, but is '" + value + "'");
        }
    }

    private static void positive(String property, java.time.Duration value, boolean zeroAllowed) {
        if (value == null || value.isNegative() || !zeroAllowed && value.isZero()) {
            throw invalid(property, zeroAllowed ? "must not be negative" : "must be positive");
        }
    }

    private static void stdio(String name, String prefix, McpServerProperties server) {
        if (server.getCommand() == null || server.getCommand().isBlank()) {
            throw new McpClientConfigurationException(List.of(prefix + "command", prefix + "transport"),
                    prefix + "command is not set, but the transport is stdio",
                    "Set " + prefix + "command to the program that starts the server (e.g. npx, node, java) and "
                            + prefix + "args to its arguments, or set " + server(name) + ".enabled=false.");
        }
        if (server.getUrl() != null && !server.getUrl().isBlank()) {
            throw new McpClientConfigurationException(List.of(prefix + "url", prefix + "transport"),
                    prefix + "url is set, but the transport is stdio, which starts a process instead",
                    "Remove " + prefix + "url, or set " + prefix + "transport to streamable-http or sse.");
        }
        server.getArgs().forEach(arg -> {
            if (arg == null) {
                throw invalid(prefix + "args", "must not contain an empty argument");
            }
        });
        server.getEnv().forEach((variable, value) -> {
            if (variable.isBlank() || value == null) {
                throw invalid(prefix + "env", "every variable needs a name and a value");
            }
        });
        Path dir = server.getWorkingDir();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new McpClientConfigurationException(List.of(prefix + "working-dir"),
                    prefix + "working-dir is not a directory: " + dir.toAbsolutePath(),
                    "Set " + prefix + "working-dir to an existing directory, or remove it to use the application's.");
        }
    }

    /** {@code auto} or a revision the client speaks, and one the transport can carry. */
    private static void protocolVersion(String prefix, McpServerProperties server) {
        String property = prefix + "protocol-version";
        String configured = server.getProtocolVersion();
        String version = McpServerSettings.protocolVersion(configured);
        if (version == null) {
            throw new McpClientConfigurationException(List.of(property), property + " is "
                    + (configured == null ? "not set" : "'" + configured + "'") + ", which is none of the allowed values "
                    + String.join(", ", McpServerSettings.PROTOCOL_VERSIONS),
                    "Set " + property + " to " + McpServerSettings.AUTO_PROTOCOL_VERSION
                            + " (the default: the era is detected) or to the revision to pin the client to, one of "
                            + String.join(", ", McpServerSettings.PROTOCOL_VERSIONS.subList(1,
                                    McpServerSettings.PROTOCOL_VERSIONS.size())) + ".");
        }
        if (server.getTransport() == McpTransportType.SSE && ProtocolVersions.isModern(version)) {
            throw new McpClientConfigurationException(List.of(property, prefix + "transport"), property + " is " + version
                    + ", but the transport is sse, which carries only the handshake revisions (up to "
                    + ProtocolVersions.LATEST_HANDSHAKE + ")",
                    "Set " + prefix + "transport=streamable-http to speak " + version + ", or set " + property + " to "
                            + McpServerSettings.AUTO_PROTOCOL_VERSION + " or a revision up to "
                            + ProtocolVersions.LATEST_HANDSHAKE + ".");
        }
    }

    /** {@code size} in whole megabytes or kilobytes, rounded down, as it is written in the configuration. */
    private static String shown(DataSize size) {
        if (size.toMegabytes() > 0) {
            return size.toMegabytes() + "MB";
        }
        return size.toKilobytes() > 0 ? size.toKilobytes() + "KB" : size.toBytes() + "B";
    }

    private static void url(String name, String property, String url) {
        if (url == null || url.isBlank()) {
            throw new McpClientConfigurationException(List.of(property), property + " is not set",
                    "Set " + property + " to the server's MCP endpoint, e.g. http://localhost:8081/mcp, or set "
                            + server(name) + ".enabled=false.");
        }
        String reason;
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                reason = "it must start with http:// or https://";
            } else if (uri.getHost() == null) {
                reason = "it has no host";
            } else {
                return;
            }
        } catch (URISyntaxException e) {
            reason = e.getMessage();
        }
        throw new McpClientConfigurationException(List.of(property),
                property + " is not a valid MCP endpoint URL: " + reason,
                "Set " + property + " to the server's MCP endpoint, e.g. http://localhost:8081/mcp.");
    }

    private static void positive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw invalid(property, "must be positive, but is " + value);
        }
    }

    private static void positiveIfSet(String property, Duration value) {
        if (value != null) {
            positive(property, value);
        }
    }

    private static McpClientConfigurationException invalid(String property, String reason) {
        return new McpClientConfigurationException(List.of(property), property + " " + reason,
                "Correct " + property + ".");
    }

    private static String server(String name) {
        return McpClientProperties.PREFIX + ".servers." + name;
    }
}
