package dev.mcpclient.internal.auth;

import java.util.Collection;

/**
 * The token request of the JWT bearer authorization grant (RFC 7523 section 2.1): a JWT the client
 * holds is exchanged for an access token. Used with a workload's own JWT (workload identity federation,
 * SEP-1933) and with an ID-JAG from an enterprise IdP (Enterprise-Managed Authorization, SEP-990).
 *
 * <p>The form holds {@code grant_type}, {@code assertion}, and {@code scope} and {@code resource} when
 * given; client authentication (if any) is added by the caller. The assertion is sent as it is: this
 * class neither reads nor checks it. {@link #toString()} never shows it.
 *
 * @param assertion the JWT, compact form
 * @param scope the space-separated scopes to ask for, or {@code null}
 * @param resource the resource indicator (RFC 8707: the MCP server's canonical URI), or {@code null}
 */
public record JwtBearerGrant(String assertion, String scope, String resource) {

    /** The {@code grant_type} of the JWT bearer grant. */
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    public JwtBearerGrant {
        ClientAssertions.requireText(assertion, "assertion");
        scope = blankToNull(scope);
        resource = blankToNull(resource);
    }

    /** A grant for {@code assertion} with these scopes (none when empty) and resource. */
    public static JwtBearerGrant of(String assertion, Collection<String> scopes, String resource) {
        return new JwtBearerGrant(assertion, scopes == null ? null : String.join(" ", scopes), resource);
    }

    /** The form fields of the token request, without client authentication. */
    public TokenForm form() {
        return TokenForm.empty()
                .with("grant_type", GRANT_TYPE)
                .with("assertion", assertion)
                .with("scope", scope)
                .with("resource", resource);
    }

    @Override
    public String toString() {
        return "JwtBearerGrant[assertion=***, scope=" + scope + ", resource=" + resource + "]";
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
