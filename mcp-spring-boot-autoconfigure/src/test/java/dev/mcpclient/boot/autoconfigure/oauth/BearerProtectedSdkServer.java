package dev.mcpclient.boot.autoconfigure.oauth;

import dev.mcpclient.testing.SdkServer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * The Java SDK's MCP server (Streamable HTTP at {@link #url()}) behind a bearer-token guard: a request
 * needs an access token the {@link EmulatedAuthorizationServer} issued, else it is answered 401 with
 * {@code WWW-Authenticate: Bearer resource_metadata="<origin>/.well-known/oauth-protected-resource/mcp"};
 * that metadata (RFC 9728) names {@link #url()} as the resource and the authorization server.
 */
final class BearerProtectedSdkServer implements AutoCloseable {

    private static final String METADATA = "/.well-known/oauth-protected-resource/mcp";

    private final SdkServer sdk;

    private BearerProtectedSdkServer(EmulatedAuthorizationServer authorizationServer) {
        sdk = SdkServer.streamableHttp(List.of(new Guard(authorizationServer)));
    }

    static BearerProtectedSdkServer start(EmulatedAuthorizationServer authorizationServer) {
        return new BearerProtectedSdkServer(authorizationServer);
    }

    String url() {
        return sdk.url();
    }

    SdkServer sdk() {
        return sdk;
    }

    @Override
    public void close() {
        sdk.close();
    }

    private static final class Guard implements Filter {

        private final EmulatedAuthorizationServer authorizationServer;

        Guard(EmulatedAuthorizationServer authorizationServer) {
            this.authorizationServer = authorizationServer;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            HttpServletResponse answer = (HttpServletResponse) response;
            String origin = "http://127.0.0.1:" + http.getLocalPort();
            if (METADATA.equals(http.getRequestURI())) {
                answer.setStatus(200);
                answer.setContentType("application/json");
                answer.getWriter().write("{\"resource\":\"" + origin + "/mcp\",\"authorization_servers\":[\""
                        + authorizationServer.issuer() + "\"],\"bearer_methods_supported\":[\"header\"]}");
                return;
            }
            String authorization = http.getHeader("Authorization");
            if (authorization != null && authorization.startsWith("Bearer ")
                    && authorizationServer.isIssued(authorization.substring("Bearer ".length()))) {
                chain.doFilter(request, response);
                return;
            }
            answer.setStatus(401);
            answer.setHeader("WWW-Authenticate", "Bearer resource_metadata=\"" + origin + METADATA + "\""
                    + (authorization == null ? "" : ", error=\"invalid_token\""));
        }
    }
}
