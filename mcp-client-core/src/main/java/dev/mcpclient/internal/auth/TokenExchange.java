package dev.mcpclient.internal.auth;

import java.util.Collection;

/**
 * A token exchange request (RFC 8693 section 2.1): the client gives a token it holds (the subject token)
 * and asks an authorization server for another one, for an audience and a resource. Enterprise-Managed
 * Authorization (SEP-990) uses it at the enterprise IdP to trade the user's ID token for an ID-JAG, an
 * Identity Assertion JWT Authorization Grant, which the MCP server's authorization server then takes in
 * a {@link JwtBearerGrant}.
 *
 * <p>The form holds {@code grant_type}, {@code subject_token}, {@code subject_token_type},
 * {@code requested_token_type}, and {@code audience}, {@code resource} and {@code scope} when given;
 * client authentication at the IdP (if any) is added by the caller. {@link #toString()} never shows the
 * subject token.
 *
 * @param subjectToken the token given
 * @param subjectTokenType its type URI ({@link #ID_TOKEN_TYPE}, {@link #ACCESS_TOKEN_TYPE}...)
 * @param requestedTokenType the type URI of the token asked for ({@link #ID_JAG_TOKEN_TYPE}), or {@code null}
 * @param audience where the new token is to be used (for an ID-JAG: the issuer identifier of the MCP
 *        server's authorization server), or {@code null}
 * @param resource the resource the new token is for (for an ID-JAG: the MCP server's canonical URI, as its
 *        protected resource metadata names it), or {@code null}
 * @param scope the space-separated scopes to ask for, or {@code null}
 */
public record TokenExchange(String subjectToken, String subjectTokenType, String requestedTokenType,
        String audience, String resource, String scope) {

    /** The {@code grant_type} of a token exchange. */
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";

    /** The token type of an OpenID Connect ID token. */
    public static final String ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";

    /** The token type of an OAuth access token. */
    public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    /** The token type of a SAML 2.0 assertion. */
    public static final String SAML2_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:saml2";

    /** The token type of an Identity Assertion JWT Authorization Grant (ID-JAG). */
    public static final String ID_JAG_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id-jag";

    /** The JWT {@code typ} of an ID-JAG. */
    public static final String ID_JAG_JWT_TYPE = "oauth-id-jag+jwt";

    public TokenExchange {
        ClientAssertions.requireText(subjectToken, "subjectToken");
        ClientAssertions.requireText(subjectTokenType, "subjectTokenType");
        requestedTokenType = JwtBearerGrant.blankToNull(requestedTokenType);
        audience = JwtBearerGrant.blankToNull(audience);
        resource = JwtBearerGrant.blankToNull(resource);
        scope = JwtBearerGrant.blankToNull(scope);
    }

    /**
     * The exchange of the user's ID token for an ID-JAG (SEP-990 / the Identity Assertion Authorization
     * Grant draft): audience and resource are required there.
     *
     * @param idToken the ID token the enterprise IdP issued to the client at sign-in
     * @param audience the issuer identifier of the MCP server's authorization server
     * @param resource the MCP server's canonical URI
     * @param scopes the scopes to ask for, or {@code null}/empty for none
     */
    public static TokenExchange idJag(String idToken, String audience, String resource, Collection<String> scopes) {
        ClientAssertions.requireText(audience, "audience");
        ClientAssertions.requireText(resource, "resource");
        return new TokenExchange(idToken, ID_TOKEN_TYPE, ID_JAG_TOKEN_TYPE, audience, resource,
                scopes == null ? null : String.join(" ", scopes));
    }

    /** The form fields of the request, without client authentication. */
    public TokenForm form() {
        return TokenForm.empty()
                .with("grant_type", GRANT_TYPE)
                .with("requested_token_type", requestedTokenType)
                .with("audience", audience)
                .with("resource", resource)
                .with("scope", scope)
                .with("subject_token", subjectToken)
                .with("subject_token_type", subjectTokenType);
    }

    @Override
    public String toString() {
        return "TokenExchange[subject_token=***, subject_token_type=" + subjectTokenType + ", requested_token_type="
                + requestedTokenType + ", audience=" + audience + ", resource=" + resource + ", scope=" + scope + "]";
    }
}
