package dev.mcpclient.internal.auth;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An MCP server's OAuth 2.0 Protected Resource Metadata (RFC 9728): its resource identifier, the
 * authorization servers that issue tokens for it and the scopes it knows.
 *
 * @param resource the resource identifier, exactly as published (sent back as RFC 8707 {@code resource})
 * @param authorizationServers the issuers of its authorization servers, in the server's order
 * @param scopesSupported the scopes it lists, or {@code null} when it lists none
 * @param source where the document was read
 */
public record ProtectedResourceMetadata(String resource, List<String> authorizationServers, List<String> scopesSupported,
        URI source) {

    /** Reads the document {@code json} read from {@code source}; {@code null} when it names no resource. */
    static ProtectedResourceMetadata parse(JsonNode json, URI source) {
        JsonNode resource = json.get("resource");
        if (resource == null || !resource.isString() || resource.asString().isBlank()) {
            return null;
        }
        return new ProtectedResourceMetadata(resource.asString(), strings(json.get("authorization_servers")),
                json.has("scopes_supported") ? strings(json.get("scopes_supported")) : null, source);
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode n : array) {
                if (n.isString() && !n.asString().isBlank()) {
                    values.add(n.asString());
                }
            }
        }
        return List.copyOf(values);
    }
}
