package dev.mcpclient.transport.http;

import dev.mcpclient.auth.McpAuthorization;
import dev.mcpclient.auth.McpAuthorizationException;
import dev.mcpclient.internal.auth.Challenge;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * Authorizes every request of an HTTP transport through its {@link McpAuthorization}: the headers it
 * gives go on each request, and a request refused with 401 or 403 is sent again as long as the
 * authorization asks for it (at most {@link #MAX_SENDS} sends), else it fails with an
 * {@link McpAuthorizationException}. A filter of the transport's {@code WebClient}, so each POST,
 * {@code GET} stream and {@code DELETE} goes through it, and the transports see only the final response.
 */
final class AuthorizationFilter implements ExchangeFilterFunction {

    /** How many times one request is sent at most: a renewal, a step-up and a DPoP nonce may each need one. */
    static final int MAX_SENDS = 4;

    private final McpAuthorization authorization;
    private final String shownUrl;

    AuthorizationFilter(McpAuthorization authorization, String shownUrl) {
        this.authorization = authorization;
        this.shownUrl = shownUrl;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        McpAuthorization.Request what = new McpAuthorization.Request(request.method().name(), request.url());
        return send(request, next, what, 1);
    }

    private Mono<ClientResponse> send(ClientRequest request, ExchangeFunction next, McpAuthorization.Request what, int sends) {
        return Mono.defer(() -> authorization.authorize(what))
                .onErrorMap(e -> !(e instanceof McpAuthorizationException),
                        e -> new McpAuthorizationException("Could not authorize " + what.method() + " to " + shownUrl
                                + ": " + e.getMessage(), e))
                .defaultIfEmpty(Map.of())
                .flatMap(headers -> next.exchange(headers.isEmpty() ? request
                        : ClientRequest.from(request).headers(h -> headers.forEach(h::set)).build())
                        .flatMap(response -> answer(request, next, what, sends, headers, response)));
    }

    private Mono<ClientResponse> answer(ClientRequest request, ExchangeFunction next, McpAuthorization.Request what,
            int sends, Map<String, String> sent, ClientResponse response) {
        return Mono.defer(() -> {
            int status = response.statusCode().value();
            if (status != 401 && status != 403) {
                return Mono.just(response);
            }
            McpAuthorization.Refusal refusal = new McpAuthorization.Refusal(status,
                    lowerCased(response.headers().asHttpHeaders()), sends, sent);
            if (sends >= MAX_SENDS) {
                return refusedForGood(response, what, refusal);
            }
            return Mono.defer(() -> authorization.refused(what, refusal))
                    .defaultIfEmpty(Boolean.FALSE)
                    .onErrorResume(e -> response.releaseBody().then(Mono.error(
                            e instanceof McpAuthorizationException ? e : new McpAuthorizationException(
                                    shownUrl + " refused " + what.method() + " (" + describe(refusal)
                                            + ") and new credentials could not be obtained: " + e.getMessage(), e))))
                    .flatMap(again -> again
                            ? response.releaseBody().then(send(request, next, what, sends + 1))
                            : refusedForGood(response, what, refusal));
        });
    }

    private Mono<ClientResponse> refusedForGood(ClientResponse response, McpAuthorization.Request what,
            McpAuthorization.Refusal refusal) {
        return HttpResponses.excerpt(response).flatMap(text -> Mono.error(new McpAuthorizationException(
                shownUrl + " refused " + what.method() + ": " + describe(refusal)
                        + (refusal.attempt() > 1 ? " (after " + (refusal.attempt() - 1) + " renewal"
                                + (refusal.attempt() > 2 ? "s" : "") + ")" : ""),
                refusal.status(), text)));
    }

    private static String describe(McpAuthorization.Refusal refusal) {
        Challenge challenge = Challenge.preferred(Challenge.parseAll(refusal.headers(HttpHeaders.WWW_AUTHENTICATE)), "Bearer");
        String status = refusal.status() == 401 ? "401 Unauthorized" : "403 Forbidden";
        return challenge == null ? status : status + ", " + challenge.describe();
    }

    private static Map<String, List<String>> lowerCased(HttpHeaders headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        headers.forEach((name, values) -> map.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values), (a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        return map;
    }
}
