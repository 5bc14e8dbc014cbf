package dev.mcpclient.boot.autoconfigure.oauth;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

/**
 * An OAuth 2.1 authorization server on Reactor Netty at 127.0.0.1, for the authorization code grant
 * with a user who is signed in already and asked nothing: its authorization endpoint redirects straight
 * back to the redirect URI with a code, {@code state} and {@code iss}. It serves its RFC 8414 metadata,
 * {@code /authorize} (the one public client {@link #CLIENT_ID}, its redirect URI as given, PKCE S256
 * required) and {@code /token} (a code once, with its verifier and redirect URI), issuing opaque
 * access tokens that {@link #isIssued} recognizes. Everything issued is recorded, to assert that none
 * leaks. (Stands in for Spring Authorization Server until its fixture has the code grant.)
 */
final class EmulatedAuthorizationServer implements AutoCloseable {

    static final String CLIENT_ID = "web-app";

    private record Grant(String challenge, String redirectUri) {
    }

    private final SecureRandom random = new SecureRandom();
    private volatile String redirectUri;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final List<String> issuedCodes = new CopyOnWriteArrayList<>();
    private final List<String> issuedTokens = new CopyOnWriteArrayList<>();
    private final AtomicInteger authorizationRequests = new AtomicInteger();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final DisposableServer server;

    private EmulatedAuthorizationServer() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .get("/.well-known/oauth-authorization-server", (request, response) -> json(response, 200, metadata()))
                        .get("/authorize", (request, response) -> authorize(new QueryStringDecoder(request.uri()), response))
                        .post("/token", (request, response) -> request.receive().aggregate().asString()
                                .defaultIfEmpty("")
                                .flatMap(body -> Mono.from(token(new QueryStringDecoder(body, false), response)))))
                .bindNow();
    }

    /** Starts a server; its client's redirect URI is {@link #redirectUri set} later. */
    static EmulatedAuthorizationServer start() {
        return new EmulatedAuthorizationServer();
    }

    /** Registers {@code uri} as the client's one redirect URI (compared exactly). */
    void redirectUri(String uri) {
        this.redirectUri = uri;
    }

    String issuer() {
        return "http://127.0.0.1:" + server.port();
    }

    boolean isIssued(String token) {
        return issuedTokens.contains(token);
    }

    int authorizationRequests() {
        return authorizationRequests.get();
    }

    int tokenRequests() {
        return tokenRequests.get();
    }

    List<String> issuedCodes() {
        return List.copyOf(issuedCodes);
    }

    List<String> issuedTokens() {
        return List.copyOf(issuedTokens);
    }

    private String metadata() {
        return """
                {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
                 "response_types_supported":["code"],"grant_types_supported":["authorization_code"],
                 "code_challenge_methods_supported":["S256"],"token_endpoint_auth_methods_supported":["none"],
                 "authorization_response_iss_parameter_supported":true}""".formatted(issuer());
    }

    private org.reactivestreams.Publisher<Void> authorize(QueryStringDecoder query, HttpServerResponse response) {
        authorizationRequests.incrementAndGet();
        if (!CLIENT_ID.equals(first(query, "client_id")) || redirectUri == null || !redirectUri.equals(first(query, "redirect_uri"))
                || !"S256".equals(first(query, "code_challenge_method")) || first(query, "code_challenge") == null
                || !"code".equals(first(query, "response_type"))) {
            return response.status(400).sendString(Mono.just("invalid authorization request"));
        }
        String code = random(16);
        issuedCodes.add(code);
        codes.put(code, new Grant(first(query, "code_challenge"), first(query, "redirect_uri")));
        String location = first(query, "redirect_uri") + "?code=" + code + "&state=" + encode(first(query, "state")) + "&iss=" + encode(issuer());
        return response.status(302).header("Location", location).send();
    }

    private org.reactivestreams.Publisher<Void> token(QueryStringDecoder form, HttpServerResponse response) {
        tokenRequests.incrementAndGet();
        String code = first(form, "code");
        Grant grant = code == null ? null : codes.remove(code);
        if (!"authorization_code".equals(first(form, "grant_type")) || grant == null
                || !CLIENT_ID.equals(first(form, "client_id")) || !grant.redirectUri().equals(first(form, "redirect_uri"))
                || first(form, "code_verifier") == null || !grant.challenge().equals(s256(first(form, "code_verifier")))) {
            return json(response, 400, "{\"error\":\"invalid_grant\"}");
        }
        String token = "at-" + random(24);
        issuedTokens.add(token);
        return json(response, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    private static org.reactivestreams.Publisher<Void> json(HttpServerResponse response, int status, String body) {
        return response.status(status).header("Content-Type", "application/json").header("Cache-Control", "no-store")
                .sendString(Mono.just(body));
    }

    private static String first(QueryStringDecoder query, String name) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String random(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
