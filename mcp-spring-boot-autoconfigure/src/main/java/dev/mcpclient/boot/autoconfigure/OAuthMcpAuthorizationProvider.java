package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.auth.AuthorizationCodeHandler;
import dev.mcpclient.auth.McpAuthorization;
import dev.mcpclient.auth.OAuthAuthorization;
import dev.mcpclient.auth.OAuthAuthorizationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The authorization of servers with the OAuth client's properties
 * ({@code mcp.client.servers.<name>.auth.client-id}, {@code client-secret}, {@code grant-type}, ...): an
 * {@link OAuthAuthorization} of their own, calling the authorization server through the application's
 * {@code WebClient.Builder} when it has one, and, for the authorization-code grant, letting the user
 * sign in through the application's {@link AuthorizationCodeHandler} bean.
 */
final class OAuthMcpAuthorizationProvider implements McpAuthorizationProvider {

    private final ObjectProvider<WebClient.Builder> webClientBuilder;
    private final ObjectProvider<AuthorizationCodeHandler> handlers;

    OAuthMcpAuthorizationProvider(ObjectProvider<WebClient.Builder> webClientBuilder,
            ObjectProvider<AuthorizationCodeHandler> handlers) {
        this.webClientBuilder = webClientBuilder;
        this.handlers = handlers;
    }

    @Override
    public McpAuthorization authorization(McpServerSettings server) {
        McpServerAuthSettings.OAuth oauth = server.auth().oauth();
        if (oauth == null) {
            return null;
        }
        OAuthAuthorizationBuilder builder = OAuthAuthorization.builder()
                .offlineAccess(oauth.offlineAccess())
                .refreshSkew(oauth.refreshSkew())
                .timeout(oauth.timeout());
        if (oauth.clientId() != null) {
            builder.clientId(oauth.clientId());
        }
        if (oauth.clientSecret() != null) {
            builder.clientSecret(oauth.clientSecret());
        }
        if (oauth.clientMetadataUrl() != null) {
            builder.clientMetadataUrl(oauth.clientMetadataUrl());
        }
        if (oauth.clientName() != null) {
            builder.clientName(oauth.clientName());
        }
        if (oauth.redirectUri() != null) {
            builder.redirectUri(oauth.redirectUri());
        }
        if (oauth.scope() != null) {
            builder.scope(oauth.scope());
        }
        String prefix = McpClientProperties.PREFIX + ".servers." + server.name() + ".auth.";
        if (oauth.privateKey() != null) {
            key(prefix + "private-key", () -> builder.privateKeyJwt(oauth.privateKey(), oauth.privateKeyAlgorithm(), oauth.keyId()));
        }
        if (oauth.dpop()) {
            builder.dpop(true);
        }
        if (oauth.dpopKey() != null) {
            key(prefix + "dpop-key", () -> builder.dpopKey(oauth.dpopKey()));
        }
        webClientBuilder.ifAvailable(builder::webClientBuilder);
        switch (oauth.grantType()) {
            case CLIENT_CREDENTIALS -> builder.clientCredentials();
            case JWT_BEARER -> builder.jwtBearer(oauth.assertionFile());
            case ENTERPRISE_MANAGED -> {
                McpServerAuthSettings.Enterprise e = oauth.enterprise();
                builder.enterpriseManagedAuthorization(e.idpTokenEndpoint(), fileText(e.idTokenFile()))
                        .idpClientId(e.idpClientId());
                if (e.idpClientSecret() != null) {
                    builder.idpClientSecret(e.idpClientSecret());
                }
            }
            case AUTHORIZATION_CODE -> builder.authorizationCodeHandler(handler(server));
        }
        return builder.build();
    }

    /** The application's one handler; a configuration error naming the grant when it has none. */
    private AuthorizationCodeHandler handler(McpServerSettings server) {
        AuthorizationCodeHandler handler = handlers.getIfUnique();
        if (handler == null) {
            String property = McpClientProperties.PREFIX + ".servers." + server.name() + ".auth.grant-type";
            throw new McpClientConfigurationException(List.of(property), "MCP server '" + server.name()
                    + "' uses the authorization-code grant, but the application has no (single) AuthorizationCodeHandler "
                    + "bean to let its user sign in",
                    "Define an AuthorizationCodeHandler bean (e.g. one that sends the user's browser to the "
                            + "authorization URL), or use the client-credentials grant (set client-id and client-secret).");
        }
        return handler;
    }

    /** Applies a key; one that cannot be read is a configuration error naming its property (never its content). */
    private static void key(String property, Runnable apply) {
        try {
            apply.run();
        } catch (IllegalArgumentException e) {
            throw new McpClientConfigurationException(List.of(property), property + " is not a usable key: " + e.getMessage(),
                    "Set " + property + " to a PKCS#8 PEM private key or a private JWK.");
        }
    }

    /** The text of {@code file}, read anew for each use on a thread that may block. */
    private static Supplier<Mono<String>> fileText(Path file) {
        return () -> Mono.fromCallable(() -> Files.readString(file).strip()).subscribeOn(Schedulers.boundedElastic());
    }
}
