package dev.mcpclient.boot.autoconfigure.oauth;

import java.time.Duration;

/**
 * How a web application lets its user sign in for the authorization-code grant
 * ({@code mcp.client.oauth}): the path of its callback endpoint, and how long an authorization waits
 * for the user. See {@link WebAuthorizationCodeHandler}.
 *
 * @since 0.2.0
 */
public class McpOAuthProperties {

    /** The default of {@link #getCallbackPath()}. */
    public static final String DEFAULT_CALLBACK_PATH = "/mcp/oauth/callback";

    /**
     * The path of the endpoint the authorization server redirects the user's browser to (web
     * applications only); a server's auth.redirect-uri points at it.
     */
    private String callbackPath = DEFAULT_CALLBACK_PATH;

    /**
     * How long an authorization waits for the user to sign in and come back to the callback before it
     * fails.
     */
    private Duration authorizationTimeout = Duration.ofMinutes(5);

    public String getCallbackPath() {
        return callbackPath;
    }

    public void setCallbackPath(String callbackPath) {
        this.callbackPath = callbackPath;
    }

    public Duration getAuthorizationTimeout() {
        return authorizationTimeout;
    }

    public void setAuthorizationTimeout(Duration authorizationTimeout) {
        this.authorizationTimeout = authorizationTimeout;
    }

    @Override
    public String toString() {
        return "OAuth[callbackPath=" + callbackPath + ", authorizationTimeout=" + authorizationTimeout + "]";
    }
}
