package dev.mcpclient.boot.autoconfigure.security;

import dev.mcpclient.auth.McpAuthorization;
import dev.mcpclient.auth.McpAuthorizationException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import reactor.core.publisher.Mono;

/**
 * Authorizes an MCP server's requests with the access token of a client registration of Spring
 * Security's OAuth2 client: every request carries {@code Authorization: Bearer <token>}, the token the
 * {@link ReactiveOAuth2AuthorizedClientManager} gives for the registration and a fixed principal name
 * (the manager obtains one, or a new one when it expired, e.g. with {@code client_credentials}). Requests
 * that need a token at the same time share one {@code authorize} of the manager, so an expired token is
 * renewed by one token request however many requests wait for it.
 *
 * <p>A request the server refuses with 401 (the token was revoked, or expired earlier than it said)
 * removes the authorized client from the {@link ReactiveOAuth2AuthorizedClientService} and is sent once
 * more with a new token; refused again, or refused with 403 (e.g. {@code insufficient_scope}, which a new
 * token of the same registration does not cure), it fails with an {@link McpAuthorizationException}.
 *
 * <p>The manager must work outside a web request (the client calls servers from background threads):
 * an {@code AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager}, not the
 * {@code DefaultReactiveOAuth2AuthorizedClientManager}, which needs the current {@code ServerWebExchange}.
 * Tokens never appear in messages or {@link #toString()}.
 *
 * @since 0.2.0
 */
public final class SpringSecurityMcpAuthorization implements McpAuthorization {

    private final String server;
    private final String registrationId;
    private final String principal;
    private final ReactiveOAuth2AuthorizedClientManager manager;
    private final ReactiveOAuth2AuthorizedClientService authorizedClients;
    private final AtomicReference<Mono<OAuth2AuthorizedClient>> inFlight = new AtomicReference<>();

    /**
     * @param server the MCP server's name, for messages
     * @param registrationId the client registration whose tokens authorize the requests
     * @param principal the principal name the authorized client is kept under
     * @param manager gives the authorized client (and its token) of the registration and principal
     * @param authorizedClients where the manager keeps authorized clients, to remove one the server refused
     */
    public SpringSecurityMcpAuthorization(String server, String registrationId, String principal,
            ReactiveOAuth2AuthorizedClientManager manager, ReactiveOAuth2AuthorizedClientService authorizedClients) {
        this.server = Objects.requireNonNull(server, "server");
        this.registrationId = Objects.requireNonNull(registrationId, "registrationId");
        this.principal = Objects.requireNonNull(principal, "principal");
        this.manager = Objects.requireNonNull(manager, "manager");
        this.authorizedClients = Objects.requireNonNull(authorizedClients, "authorizedClients");
    }

    @Override
    public Mono<Map<String, String>> authorize(Request request) {
        return authorizedClient().map(client -> Map.of("Authorization", "Bearer " + client.getAccessToken().getTokenValue()));
    }

    /**
     * On the first 401 of a request: the authorized client is removed (unless another request renewed
     * it since this one was sent), and the request sent again with the current token.
     */
    @Override
    public Mono<Boolean> refused(Request request, Refusal refusal) {
        if (refusal.status() != 401 || refusal.attempt() > 1) {
            return Mono.just(false);
        }
        String refusedHeader = refusal.sent().get("Authorization");
        return authorizedClients.<OAuth2AuthorizedClient>loadAuthorizedClient(registrationId, principal)
                .filter(current -> !("Bearer " + current.getAccessToken().getTokenValue()).equals(refusedHeader))
                .hasElement()
                .flatMap(renewedMeanwhile -> renewedMeanwhile ? Mono.just(true)
                        : authorizedClients.removeAuthorizedClient(registrationId, principal).thenReturn(true));
    }

    /**
     * The authorized client, from the manager; callers at the same time share one {@code authorize}, so
     * an expired token is renewed once.
     */
    private Mono<OAuth2AuthorizedClient> authorizedClient() {
        return Mono.defer(() -> {
            while (true) {
                Mono<OAuth2AuthorizedClient> current = inFlight.get();
                if (current != null) {
                    return current;
                }
                AtomicReference<Mono<OAuth2AuthorizedClient>> self = new AtomicReference<>();
                Mono<OAuth2AuthorizedClient> attempt = Mono.defer(() -> manager.authorize(OAuth2AuthorizeRequest
                                .withClientRegistrationId(registrationId).principal(principal).build()))
                        .switchIfEmpty(Mono.error(() -> new McpAuthorizationException("Spring Security gave no authorized "
                                + "client of registration '" + registrationId + "' for MCP server '" + server + "' (principal '"
                                + principal + "'): the registration's grant needs a user to authorize it first; use a "
                                + "client_credentials registration")))
                        .onErrorMap(e -> !(e instanceof McpAuthorizationException), this::failed)
                        // Cleared before the result reaches the callers (doFinally runs after it did): a caller
                        // that asks again right after, e.g. after a refusal removed the client, gets a new attempt.
                        .doOnEach(signal -> inFlight.compareAndSet(self.get(), null))
                        .doFinally(signal -> inFlight.compareAndSet(self.get(), null))
                        .cache();
                self.set(attempt);
                if (inFlight.compareAndSet(null, attempt)) {
                    return attempt;
                }
            }
        });
    }

    private McpAuthorizationException failed(Throwable e) {
        String reason = e instanceof OAuth2AuthorizationException oauth ? describe(oauth) : e.getMessage();
        return new McpAuthorizationException("Spring Security could not authorize client registration '" + registrationId
                + "' for MCP server '" + server + "': " + reason, e);
    }

    private static String describe(OAuth2AuthorizationException e) {
        String description = e.getError().getDescription();
        return "[" + e.getError().getErrorCode() + "]" + (description == null ? "" : " " + description);
    }

    @Override
    public String toString() {
        return "SpringSecurityMcpAuthorization[server=" + server + ", registrationId=" + registrationId + ", principal="
                + principal + "]";
    }
}
