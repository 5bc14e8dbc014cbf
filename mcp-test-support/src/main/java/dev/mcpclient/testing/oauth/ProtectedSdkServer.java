package dev.mcpclient.testing.oauth;

import dev.mcpclient.testing.SdkServer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The official Java SDK's MCP server ({@link SdkServer}, Streamable HTTP at {@link #url()}) protected as
 * an OAuth 2.0 resource server by Spring Security: every request needs a bearer token, a JWT signed by
 * the {@link TestAuthorizationServer} (checked against its JWK Set), unexpired by the authorization server's
 * {@link TestAuthorizationServer#advanceClock clock} (no leeway), and not issued to a {@link TestAuthorizationServer#revokeClient
 * revoked} client (its {@code sub} or {@code aud}). Without one the answer is 401 with {@code WWW-Authenticate:
 * Bearer resource_metadata="<origin>/.well-known/oauth-protected-resource/mcp"} (and
 * {@code error="invalid_token"} for a token refused).
 *
 * <p>Its protected resource metadata (RFC 9728) is served twice: at that path-aware well-known URL
 * ({@link #resourceMetadataUrl()}) with {@code resource} the MCP endpoint {@link #url()}, as RFC 9728
 * section 3.3 wants of a document a challenge points to; and, by Spring Security, at the root well-known
 * URL with {@code resource} the origin ({@code http://127.0.0.1:<port>}, Spring Security's own choice).
 * Both name the authorization server's issuer and the scopes {@value #READ_SCOPE} and {@value #ADMIN_SCOPE} in
 * {@code scopes_supported}.
 *
 * <p>The tool {@value #ADMIN_TOOL} (besides the SDK server's own, {@link SdkServer#TOOLS}) needs the scope
 * {@value #ADMIN_SCOPE}: a call with a token without it is answered 403 with {@code Bearer
 * error="insufficient_scope", scope="mcp:admin", resource_metadata="..."}.
 */
public final class ProtectedSdkServer implements AutoCloseable {

    /** The basic scope: listed in the metadata, not needed by any tool. */
    public static final String READ_SCOPE = "mcp:read";
    /** The tool that needs {@link #ADMIN_SCOPE}. */
    public static final String ADMIN_TOOL = "admin";
    /** The scope {@link #ADMIN_TOOL} needs. */
    public static final String ADMIN_SCOPE = "mcp:admin";

    private static final String ROOT_METADATA = "/.well-known/oauth-protected-resource";

    private static final Pattern ADMIN_CALL = Pattern.compile(
            "\"method\"\\s*:\\s*\"tools/call\".*\"name\"\\s*:\\s*\"" + ADMIN_TOOL + "\"", Pattern.DOTALL);

    private final AnnotationConfigApplicationContext spring;
    private final SdkServer sdk;

    private ProtectedSdkServer(TestAuthorizationServer authorizationServer) {
        spring = new AnnotationConfigApplicationContext();
        // What the guard needs of the authorization server (not the server itself: the context would close it).
        spring.registerBean(Issuer.class, () -> new Issuer(authorizationServer.issuer(), authorizationServer.jwkSetUri(),
                authorizationServer::isRevoked, authorizationServer.clock()), d -> { });
        spring.register(SecurityConfiguration.class);
        spring.refresh();
        sdk = SdkServer.streamableHttp(List.of(new PathAwareMetadata(authorizationServer.issuer()),
                spring.getBean("springSecurityFilterChain", Filter.class), new ScopeGuard()));
        sdk.addTool(ADMIN_TOOL);
    }

    /** Starts a server on a free port that accepts the access tokens of {@code authorizationServer}. */
    public static ProtectedSdkServer start(TestAuthorizationServer authorizationServer) {
        return new ProtectedSdkServer(authorizationServer);
    }

    /** The MCP endpoint: {@code http://127.0.0.1:<port>/mcp}. */
    public String url() {
        return sdk.url();
    }

    /**
     * The URL of its protected resource metadata, as its 401 and 403 answers give it in
     * {@code resource_metadata}: {@code <origin>/.well-known/oauth-protected-resource/mcp}, {@code resource}
     * {@link #url()}.
     */
    public String resourceMetadataUrl() {
        return rootResourceMetadataUrl() + "/mcp";
    }

    /** The URL of the metadata Spring Security serves: {@code <origin>/.well-known/oauth-protected-resource}, {@code resource} the origin. */
    public String rootResourceMetadataUrl() {
        return "http://127.0.0.1:" + sdk.port() + ROOT_METADATA;
    }

    /** The SDK server behind the guard: its recorded requests ({@link SdkServer#requests()}), holds, tools. */
    public SdkServer sdk() {
        return sdk;
    }

    @Override
    public void close() {
        try {
            sdk.close();
        } finally {
            spring.close();
        }
    }

    /** Answers a call of {@link #ADMIN_TOOL} without {@link #ADMIN_SCOPE} with 403 {@code insufficient_scope}. */
    private final class ScopeGuard implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            if (!"POST".equals(http.getMethod())) {
                chain.doFilter(request, response);
                return;
            }
            byte[] body = http.getInputStream().readAllBytes();
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            boolean scoped = authentication != null && authentication.getAuthorities().stream()
                    .anyMatch(a -> a.getAuthority().equals("SCOPE_" + ADMIN_SCOPE));
            if (!scoped && ADMIN_CALL.matcher(new String(body, StandardCharsets.UTF_8)).find()) {
                HttpServletResponse refusal = (HttpServletResponse) response;
                refusal.setStatus(403);
                refusal.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + ADMIN_SCOPE
                        + "\", resource_metadata=\"" + resourceMetadataUrl() + "\"");
                return;
            }
            chain.doFilter(new ReadAgain(http, body), response);
        }
    }

    /**
     * Serves the path-aware protected resource metadata of the {@code /mcp} endpoint, and points the
     * challenges Spring Security writes at it instead of the root metadata.
     */
    private static final class PathAwareMetadata implements Filter {

        private final String issuer;

        PathAwareMetadata(String issuer) {
            this.issuer = issuer;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            HttpServletResponse answer = (HttpServletResponse) response;
            String origin = "http://127.0.0.1:" + http.getLocalPort();
            if ("GET".equals(http.getMethod()) && (ROOT_METADATA + "/mcp").equals(http.getRequestURI())) {
                answer.setStatus(200);
                answer.setContentType("application/json");
                answer.getWriter().write("{\"resource\":\"" + origin + "/mcp\",\"authorization_servers\":[\"" + issuer
                        + "\"],\"scopes_supported\":[\"" + READ_SCOPE + "\",\"" + ADMIN_SCOPE + "\"],\"bearer_methods_supported\":[\"header\"]}");
                return;
            }
            String root = "resource_metadata=\"" + origin + ROOT_METADATA + "\"";
            String pathAware = "resource_metadata=\"" + origin + ROOT_METADATA + "/mcp\"";
            chain.doFilter(request, new jakarta.servlet.http.HttpServletResponseWrapper(answer) {
                @Override
                public void setHeader(String name, String value) {
                    super.setHeader(name, challenge(name, value));
                }

                @Override
                public void addHeader(String name, String value) {
                    super.addHeader(name, challenge(name, value));
                }

                private String challenge(String name, String value) {
                    return "WWW-Authenticate".equalsIgnoreCase(name) && value != null ? value.replace(root, pathAware) : value;
                }
            });
        }
    }

    /** A request whose body, already read, is read again from memory. */
    private static final class ReadAgain extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadAgain(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }

    /** What the resource server knows of its authorization server. */
    record Issuer(String issuer, String jwkSetUri, Predicate<String> revoked, Clock clock) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class SecurityConfiguration {

        @Bean
        JwtDecoder jwtDecoder(Issuer issuer) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer.jwkSetUri()).build();
            JwtTimestampValidator unexpired = new JwtTimestampValidator(Duration.ZERO);
            unexpired.setClock(issuer.clock());
            OAuth2TokenValidator<Jwt> notRevoked = jwt -> issuer.revoked().test(jwt.getSubject())
                    || jwt.getAudience() != null && jwt.getAudience().stream().anyMatch(issuer.revoked())
                    ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token's client was revoked", null))
                    : OAuth2TokenValidatorResult.success();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(unexpired, notRevoked));
            return decoder;
        }

        @Bean
        SecurityFilterChain resourceServer(HttpSecurity http, JwtDecoder decoder, Issuer issuer) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(decoder))
                            .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(
                                    builder -> builder.authorizationServer(issuer.issuer())
                                            .scope(READ_SCOPE).scope(ADMIN_SCOPE))))
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .csrf(csrf -> csrf.disable());
            return http.build();
        }
    }
}
