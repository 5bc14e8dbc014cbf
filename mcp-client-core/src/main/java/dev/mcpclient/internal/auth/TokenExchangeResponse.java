package dev.mcpclient.internal.auth;

import dev.mcpclient.schema.McpJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A successful token exchange response (RFC 8693 section 2.2.1). For an ID-JAG the token is in
 * {@code access_token} although it is no access token: {@code issued_token_type} says what it is and
 * {@code token_type} is {@code N_A}. {@link #toString()} never shows the token.
 *
 * @param accessToken the issued token ({@code access_token})
 * @param issuedTokenType its type URI ({@code issued_token_type})
 * @param tokenType how it is presented ({@code token_type}: {@code Bearer}, {@code N_A}...)
 * @param expiresIn its lifetime in seconds, or {@code null} when not given
 * @param scope the scopes granted, or {@code null} when not given
 */
public record TokenExchangeResponse(String accessToken, String issuedTokenType, String tokenType, Long expiresIn,
        String scope) {

    public TokenExchangeResponse {
        ClientAssertions.requireText(accessToken, "accessToken");
        ClientAssertions.requireText(issuedTokenType, "issuedTokenType");
    }

    /**
     * Reads a response body.
     *
     * @throws IllegalArgumentException when it is not a JSON object with {@code access_token} and
     *         {@code issued_token_type} (the message names what is missing, never a token)
     */
    public static TokenExchangeResponse parse(String json) {
        JsonNode node;
        try {
            node = McpJson.mapper().readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the token exchange response is not JSON");
        }
        return parse(node);
    }

    /** Reads a response body already parsed; see {@link #parse(String)}. */
    public static TokenExchangeResponse parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the token exchange response is not a JSON object");
        }
        String accessToken = text(node, "access_token");
        String issuedTokenType = text(node, "issued_token_type");
        if (accessToken == null || issuedTokenType == null) {
            throw new IllegalArgumentException("the token exchange response has no "
                    + (accessToken == null ? "access_token" : "issued_token_type"));
        }
        JsonNode expires = node.get("expires_in");
        Long expiresIn = expires != null && expires.isIntegralNumber() ? expires.asLong() : null;
        return new TokenExchangeResponse(accessToken, issuedTokenType, text(node, "token_type"), expiresIn,
                text(node, "scope"));
    }

    /**
     * The ID-JAG this response issued.
     *
     * @throws IllegalStateException when {@code issued_token_type} is not the ID-JAG type
     */
    public String idJag() {
        if (!TokenExchange.ID_JAG_TOKEN_TYPE.equals(issuedTokenType)) {
            throw new IllegalStateException("the token exchange issued a " + issuedTokenType + ", not an ID-JAG ("
                    + TokenExchange.ID_JAG_TOKEN_TYPE + ")");
        }
        return accessToken;
    }

    @Override
    public String toString() {
        return "TokenExchangeResponse[access_token=***, issued_token_type=" + issuedTokenType + ", token_type="
                + tokenType + ", expires_in=" + expiresIn + ", scope=" + scope + "]";
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isString() && !value.asString().isEmpty() ? value.asString() : null;
    }
}
