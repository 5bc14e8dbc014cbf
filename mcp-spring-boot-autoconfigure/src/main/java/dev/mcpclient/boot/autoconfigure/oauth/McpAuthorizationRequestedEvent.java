package dev.mcpclient.boot.autoconfigure.oauth;

import dev.mcpclient.transport.http.UrlRedaction;
import java.net.URI;
import org.springframework.context.ApplicationEvent;

/**
 * An MCP server needs a user to sign in (the authorization-code grant): its authorization server's
 * {@link #authorizationUrl() authorization URL} waits to be opened in the user's browser. An
 * application redirects its user there, or shows a "Connect" link to it (for an admin connecting the
 * application once); the authorization server then sends the browser back to the
 * {@link #redirectUri() redirect URI}, the application's callback endpoint, which completes the
 * authorization. Until then, or until {@code mcp.client.oauth.authorization-timeout} passes, the URL is
 * also listed by {@link WebAuthorizationCodeHandler#pendingAuthorizationUrls()}.
 *
 * <p>Published by {@link WebAuthorizationCodeHandler} in the thread that asked for the token, which may
 * be an event loop: a listener must not block (hand slow work to another thread). The URL holds no
 * secret (its {@code state} and PKCE {@code code_challenge} are meant to travel through the browser).
 *
 * @since 0.2.0
 */
public class McpAuthorizationRequestedEvent extends ApplicationEvent {

    private final URI authorizationUrl;
    private final URI redirectUri;

    /**
     * @param source the handler that asks for the authorization (the event's source)
     * @param authorizationUrl the authorization URL to open in the user's browser
     * @param redirectUri the redirect URI the authorization server sends the browser back to
     */
    public McpAuthorizationRequestedEvent(Object source, URI authorizationUrl, URI redirectUri) {
        super(source);
        this.authorizationUrl = authorizationUrl;
        this.redirectUri = redirectUri;
    }

    /**
     * The authorization server's authorization URL with the request's parameters ({@code client_id},
     * {@code redirect_uri}, {@code state}, {@code code_challenge}, {@code scope}, {@code resource}): where
     * the user's browser goes to sign in and consent.
     */
    public URI authorizationUrl() {
        return authorizationUrl;
    }

    /** The redirect URI the authorization server sends the browser back to: the application's callback. */
    public URI redirectUri() {
        return redirectUri;
    }

    /**
     * The MCP server the authorization is for, as the authorization URL's RFC 8707 {@code resource}
     * parameter names it (for a "Connect to ..." label), or {@code null} when it names none.
     */
    public String resource() {
        return AuthorizationUrls.parameter(authorizationUrl, "resource");
    }

    @Override
    public String toString() {
        return "McpAuthorizationRequestedEvent[authorizationUrl=" + UrlRedaction.redact(authorizationUrl) + "]";
    }
}
