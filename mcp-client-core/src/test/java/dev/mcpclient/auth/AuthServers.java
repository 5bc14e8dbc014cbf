package dev.mcpclient.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A protected MCP server's metadata and its authorization server on one WireMock, bound to
 * 127.0.0.1: protected resource metadata, authorization server metadata, registration and token
 * endpoints, each stubbed by the test that needs it.
 */
final class AuthServers implements AutoCloseable {

    final WireMockServer wireMock;
    final String base;

    AuthServers() {
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
        base = "http://127.0.0.1:" + wireMock.port();
    }

    URI mcpUrl() {
        return URI.create(base + "/mcp");
    }

    McpAuthorization.Request request() {
        return new McpAuthorization.Request("POST", mcpUrl());
    }

    /** The protected resource metadata at {@code path}. */
    AuthServers prm(String path, String json) {
        wireMock.stubFor(get(urlEqualTo(path)).willReturn(json(200, json)));
        return this;
    }

    /** The usual protected resource metadata: this server, the authorization server at the base URL. */
    AuthServers prm() {
        return prm("/.well-known/oauth-protected-resource/mcp",
                "{\"resource\":\"" + base + "/mcp\",\"authorization_servers\":[\"" + base + "\"]}");
    }

    /** Authorization server metadata at {@code path} with {@code issuer} and {@code extra} JSON members. */
    AuthServers asMetadata(String path, String issuer, String extra) {
        wireMock.stubFor(get(urlEqualTo(path)).willReturn(json(200, "{\"issuer\":\"" + issuer + "\","
                + "\"authorization_endpoint\":\"" + base + "/authorize\",\"token_endpoint\":\"" + base + "/token\","
                + "\"registration_endpoint\":\"" + base + "/register\",\"code_challenge_methods_supported\":[\"S256\"],"
                + "\"response_types_supported\":[\"code\"]" + (extra.isEmpty() ? "" : "," + extra) + "}")));
        return this;
    }

    /** The usual authorization server metadata (RFC 8414 at the root), with {@code extra} members. */
    AuthServers asMetadata(String extra) {
        return asMetadata("/.well-known/oauth-authorization-server", base, extra);
    }

    AuthServers register(String clientJson) {
        wireMock.stubFor(post(urlEqualTo("/register")).willReturn(json(201, clientJson)));
        return this;
    }

    AuthServers token(String json) {
        wireMock.stubFor(post(urlEqualTo("/token")).willReturn(json(200, json)));
        return this;
    }

    AuthServers token(int status, String json) {
        wireMock.stubFor(post(urlEqualTo("/token")).willReturn(json(status, json)));
        return this;
    }

    /** Every request to {@code path}, in order. */
    List<LoggedRequest> requests(String path) {
        return wireMock.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(urlPathEqualTo(path)));
    }

    /** The paths requested, in order (WireMock lists its serve events newest first). */
    List<String> paths() {
        List<String> paths = new java.util.ArrayList<>(wireMock.getAllServeEvents().stream()
                .map(e -> e.getRequest().getUrl()).toList());
        java.util.Collections.reverse(paths);
        return paths;
    }

    /** The form parameters of a request body. */
    static Map<String, String> form(LoggedRequest request) {
        return query(request.getBodyAsString());
    }

    static Map<String, String> query(String query) {
        Map<String, String> params = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** A 401 refusal whose challenge carries {@code params} (e.g. {@code resource_metadata="..."}). */
    static McpAuthorization.Refusal unauthorized(String params, int attempt, Map<String, String> sent) {
        return new McpAuthorization.Refusal(401, Map.of("www-authenticate",
                List.of("Bearer error=\"invalid_token\"" + (params.isEmpty() ? "" : ", " + params))), attempt, sent);
    }

    static McpAuthorization.Refusal insufficientScope(String scope, int attempt, Map<String, String> sent) {
        return new McpAuthorization.Refusal(403, Map.of("www-authenticate",
                List.of("Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"")), attempt, sent);
    }

    @Override
    public void close() {
        wireMock.stop();
    }
}
