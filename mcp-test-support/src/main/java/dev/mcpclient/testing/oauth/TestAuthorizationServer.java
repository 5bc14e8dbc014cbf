package dev.mcpclient.testing.oauth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Authorization Server on an embedded Tomcat bound to 127.0.0.1: a real OAuth 2.1 authorization
 * server for tests. Its issuer is {@link #issuer()} ({@code http://127.0.0.1:<port>}); it serves the
 * authorization server metadata at the RFC 8414 well-known URL ({@link #metadataUri()}, with
 * {@code scopes_supported} the scopes of the registered clients and {@code offline_access}), the token
 * endpoint ({@link #tokenUri()}, secrets checked with {@code client_secret_basic} or
 * {@code client_secret_post}), its keys ({@link #jwkSetUri()}), the authorization endpoint and open
 * Dynamic Client Registration ({@code /oauth2/register}, RFC 7591).
 *
 * <p>Clients: {@link #registerClient} registers one of the {@code client_credentials} grant;
 * {@link #registerAuthorizationCodeClient} one of the authorization code grant with PKCE (S256) and
 * refresh tokens. At the authorization endpoint the user {@value #USER} is signed in without a login
 * page and no consent is asked, so the endpoint redirects straight back to the redirect URI with the
 * code (what {@code HeadlessAuthorizationCodeHandler} follows). A dynamically registered client may ask
 * for every scope a registered client may.
 *
 * <p>Access tokens are JWTs signed with a fresh RSA key: {@code sub} the client id (the user for the
 * authorization code grant), {@code scope} the granted scopes, {@code aud} the client id and the RFC 8707
 * {@code resource} of the token request when it has one.
 *
 * <p>For tests: {@link #tokenRequests()} counts the requests to the token endpoint and
 * {@link #tokenRequestGrantTypes()} lists their grant types; {@link #holdTokenRequests()} holds them until
 * the test lets them through; {@link #issuedAccessTokens()}, {@link #issuedRefreshTokens()} and
 * {@link #issuedAuthorizationCodes()} have every one issued (to assert that none leaks);
 * {@link #revokeClient} removes a client, so it gets no more tokens and {@link #isRevoked} tells resource
 * servers to refuse the ones it has.
 */
public final class TestAuthorizationServer implements AutoCloseable {

    /** The lifetime of access tokens unless a client is registered with its own. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(5);

    /** The user signed in at the authorization endpoint, without a login page. */
    public static final String USER = "mcp-user";

    private static final String TOKEN_PATH = "/oauth2/token";
    private static final String AUTHORIZATION_PATH = "/oauth2/authorize";

    private final Map<String, RegisteredClient> clients = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final List<String> issuedAccessTokens = new CopyOnWriteArrayList<>();
    private final List<String> issuedRefreshTokens = new CopyOnWriteArrayList<>();
    private final List<String> issuedAuthorizationCodes = new CopyOnWriteArrayList<>();
    private final List<String> tokenRequestGrantTypes = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AdjustableClock clock = new AdjustableClock();
    private volatile TokenRequestHold hold;
    private volatile boolean closed;
    private final AnnotationConfigApplicationContext spring;
    private final Tomcat tomcat;
    private final Connector connector;

    private TestAuthorizationServer() {
        spring = new AnnotationConfigApplicationContext();
        spring.registerBean(RegisteredClientRepository.class, Clients::new, d -> { });
        spring.registerBean(OAuth2AuthorizationService.class, RecordingAuthorizationService::new, d -> { });
        JWKSource<com.nimbusds.jose.proc.SecurityContext> keys = keys();
        spring.registerBean(JWKSource.class, () -> keys, d -> { });
        spring.registerBean(OAuth2TokenGenerator.class, () -> {
            JwtGenerator generator = new JwtGenerator(new NimbusJwtEncoder(keys));
            generator.setClock(clock);
            generator.setJwtCustomizer(context -> {
                // RFC 8707: the resource the client asked for joins the audience.
                if (context.getAuthorizationGrant() instanceof OAuth2AuthorizationGrantAuthenticationToken grant
                        && grant.getAdditionalParameters().get("resource") instanceof String resource) {
                    context.getClaims().audience(List.of(context.getRegisteredClient().getClientId(), resource));
                }
            });
            OAuth2RefreshTokenGenerator refreshTokens = new OAuth2RefreshTokenGenerator();
            refreshTokens.setClock(clock);
            return new DelegatingOAuth2TokenGenerator(generator, refreshTokens);
        }, d -> { });
        // The registration endpoint reads bearer tokens (client.read) with it.
        spring.registerBean(org.springframework.security.oauth2.jwt.JwtDecoder.class, () -> org.springframework.security.config
                .annotation.web.configuration.OAuth2AuthorizationServerConfiguration.jwtDecoder(keys), d -> { });
        spring.registerBean(ScopesSupported.class, () -> new ScopesSupported(this::scopesSupported), d -> { });
        spring.register(SecurityConfiguration.class);
        spring.refresh();
        Filter security = spring.getBean("springSecurityFilterChain", Filter.class);
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory("authorization-server");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toString());
        // Every endpoint is a filter of the chain; what none answers is not found.
        Wrapper notFound = Tomcat.addServlet(context, "not-found", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.sendError(404);
            }
        });
        notFound.setAsyncSupported(true);
        context.addServletMappingDecoded("/", "not-found");
        addFilter(context, "token-requests", new TokenRequests());
        addFilter(context, "spring-security", security);
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a server on a free port, with no clients yet. */
    public static TestAuthorizationServer start() {
        return new TestAuthorizationServer();
    }

    /** The issuer: {@code http://127.0.0.1:<port>}, also the base of its metadata URL. */
    public String issuer() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    /** The token endpoint. */
    public String tokenUri() {
        return issuer() + TOKEN_PATH;
    }

    /** Its authorization server metadata (RFC 8414): {@code <issuer>/.well-known/oauth-authorization-server}. */
    public String metadataUri() {
        return issuer() + "/.well-known/oauth-authorization-server";
    }

    /** The JWK Set of the keys that sign its access tokens. */
    public String jwkSetUri() {
        return issuer() + "/oauth2/jwks";
    }

    /**
     * Registers a confidential client that may use {@code client_credentials} with {@code secret} and ask
     * for {@code scopes}; its access tokens live {@link #DEFAULT_TOKEN_LIFETIME}.
     */
    public void registerClient(String clientId, String secret, String... scopes) {
        registerClient(clientId, secret, DEFAULT_TOKEN_LIFETIME, scopes);
    }

    /**
     * As {@link #registerClient(String, String, String...)}, with access tokens that live {@code tokenLifetime};
     * a client of the same id registered before (or revoked) is replaced.
     */
    public void registerClient(String clientId, String secret, Duration tokenLifetime, String... scopes) {
        RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientSecret("{noop}" + secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(s -> s.addAll(List.of(scopes)))
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(tokenLifetime).build())
                .build();
        revoked.remove(clientId);
        clients.values().removeIf(existing -> existing.getClientId().equals(clientId));
        clients.put(client.getId(), client);
    }

    /**
     * Registers a confidential client of the authorization code grant with PKCE (S256 required), no consent
     * asked, and refresh tokens: it authenticates with {@code secret} ({@code client_secret_basic} or
     * {@code client_secret_post}), redirects to {@code redirectUri} (compared exactly), and may ask for
     * {@code scopes} and {@code offline_access}; its access tokens live {@code tokenLifetime} (refresh
     * tokens an hour). A client of the same id registered before (or revoked) is replaced.
     */
    public void registerAuthorizationCodeClient(String clientId, String secret, String redirectUri, Duration tokenLifetime,
            String... scopes) {
        RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientSecret("{noop}" + secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri(redirectUri)
                .scopes(s -> {
                    s.addAll(List.of(scopes));
                    s.add("offline_access");
                })
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(tokenLifetime)
                        .refreshTokenTimeToLive(Duration.ofHours(1)).reuseRefreshTokens(false).build())
                .build();
        revoked.remove(clientId);
        clients.values().removeIf(existing -> existing.getClientId().equals(clientId));
        clients.put(client.getId(), client);
    }

    /**
     * Revokes {@code clientId}: the token endpoint no longer knows it ({@code invalid_client}), and
     * {@link #isRevoked} says its tokens must be refused.
     */
    public void revokeClient(String clientId) {
        revoked.add(clientId);
        clients.values().removeIf(client -> client.getClientId().equals(clientId));
    }

    /** Whether tokens issued to {@code clientId} must be refused: the client was revoked. */
    public boolean isRevoked(String clientId) {
        return revoked.contains(clientId);
    }

    /** How many requests reached the token endpoint so far, granted or not. */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** The {@code grant_type} of every request that reached the token endpoint so far, in order. */
    public List<String> tokenRequestGrantTypes() {
        return List.copyOf(tokenRequestGrantTypes);
    }

    /** Every access token issued so far, in order. */
    public List<String> issuedAccessTokens() {
        return List.copyOf(issuedAccessTokens);
    }

    /** Every refresh token issued so far, in order. */
    public List<String> issuedRefreshTokens() {
        return List.copyOf(issuedRefreshTokens);
    }

    /** Every authorization code issued so far, in order. */
    public List<String> issuedAuthorizationCodes() {
        return List.copyOf(issuedAuthorizationCodes);
    }

    /** What the metadata lists in {@code scopes_supported}: every registered client's scopes, and {@code offline_access}. */
    private List<String> scopesSupported() {
        java.util.Set<String> scopes = new java.util.TreeSet<>();
        clients.values().forEach(client -> scopes.addAll(client.getScopes()));
        scopes.add("offline_access");
        return List.copyOf(scopes);
    }

    /**
     * From now on, requests to the token endpoint are counted and then held until
     * {@link TokenRequestHold#release()}: a token request in flight, as long as the test needs it.
     */
    public TokenRequestHold holdTokenRequests() {
        TokenRequestHold next = new TokenRequestHold();
        hold = next;
        return next;
    }

    /**
     * The clock its tokens are issued by ({@code iat}, {@code exp}), which {@link ProtectedSdkServer} checks
     * them against too.
     */
    public AdjustableClock clock() {
        return clock;
    }

    /**
     * Moves time forward for the tokens: those issued from now on are issued later, and resource servers
     * of this server ({@link ProtectedSdkServer}) find tokens expired that expire within {@code duration}.
     * (Clients keep their own clocks.)
     */
    public void advanceClock(Duration duration) {
        clock.advance(duration);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        TokenRequestHold held = hold;
        if (held != null) {
            held.release();
        }
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        } finally {
            spring.close();
        }
    }

    /** Token requests held at the token endpoint until released. */
    public static final class TokenRequestHold {

        private final CountDownLatch released = new CountDownLatch(1);
        private final CountDownLatch arrived = new CountDownLatch(1);

        private TokenRequestHold() {
        }

        /** Waits (at most 30 s) until a token request is held; false if none arrived. */
        public boolean awaitRequest() throws InterruptedException {
            return arrived.await(30, TimeUnit.SECONDS);
        }

        /** Lets the held token requests (and later ones) through. */
        public void release() {
            released.countDown();
        }

        void await() {
            arrived.countDown();
            try {
                if (!released.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let the token request through");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void addFilter(Context context, String name, Filter filter) {
        FilterDef definition = new FilterDef();
        definition.setFilterName(name);
        definition.setFilter(filter);
        definition.setAsyncSupported("true");
        context.addFilterDef(definition);
        FilterMap all = new FilterMap();
        all.setFilterName(name);
        all.addURLPattern("/*");
        context.addFilterMap(all);
    }

    private static JWKSource<com.nimbusds.jose.proc.SecurityContext> keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString())
                    .build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts (and, while held, holds) the requests to the token endpoint. */
    private final class TokenRequests implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (TOKEN_PATH.equals(((HttpServletRequest) request).getRequestURI())) {
                tokenRequests.incrementAndGet();
                String grantType = request.getParameter("grant_type");
                tokenRequestGrantTypes.add(grantType == null ? "" : grantType);
                TokenRequestHold held = hold;
                if (held != null) {
                    held.await();
                }
            }
            chain.doFilter(request, response);
        }
    }

    /** The registered clients; a revoked one is gone. */
    private final class Clients implements RegisteredClientRepository {
        @Override
        public void save(RegisteredClient client) {
            RegisteredClient known = clients.get(client.getId());
            // A client registered dynamically may ask for what any registered client may, without consent.
            clients.put(client.getId(), known != null ? client : RegisteredClient.from(client)
                    .scopes(s -> s.addAll(scopesSupported()))
                    .clientSettings(ClientSettings.withSettings(client.getClientSettings().getSettings())
                            .requireAuthorizationConsent(false).build())
                    .build());
        }

        @Override
        public RegisteredClient findById(String id) {
            return clients.get(id);
        }

        @Override
        public RegisteredClient findByClientId(String clientId) {
            return clients.values().stream().filter(c -> c.getClientId().equals(clientId)).findFirst().orElse(null);
        }
    }

    /** Keeps authorizations in memory and records every access token issued. */
    private final class RecordingAuthorizationService implements OAuth2AuthorizationService {

        private final InMemoryOAuth2AuthorizationService delegate = new InMemoryOAuth2AuthorizationService();

        @Override
        public void save(OAuth2Authorization authorization) {
            OAuth2Authorization.Token<?> token = authorization.getAccessToken();
            if (token != null && !issuedAccessTokens.contains(token.getToken().getTokenValue())) {
                issuedAccessTokens.add(token.getToken().getTokenValue());
            }
            OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
            if (refresh != null && !issuedRefreshTokens.contains(refresh.getToken().getTokenValue())) {
                issuedRefreshTokens.add(refresh.getToken().getTokenValue());
            }
            OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
            if (code != null && !issuedAuthorizationCodes.contains(code.getToken().getTokenValue())) {
                issuedAuthorizationCodes.add(code.getToken().getTokenValue());
            }
            delegate.save(authorization);
        }

        @Override
        public void remove(OAuth2Authorization authorization) {
            delegate.remove(authorization);
        }

        @Override
        public OAuth2Authorization findById(String id) {
            return delegate.findById(id);
        }

        @Override
        public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
            return delegate.findByToken(token, tokenType);
        }
    }

    /** What the metadata lists in {@code scopes_supported}, read on each request. */
    record ScopesSupported(java.util.function.Supplier<List<String>> scopes) {
    }

    /** Signs {@link #USER} in for the requests to the authorization endpoint: no login page. */
    static final class SignedInUser implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (AUTHORIZATION_PATH.equals(((HttpServletRequest) request).getRequestURI())) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(USER, null,
                        AuthorityUtils.createAuthorityList("ROLE_USER")));
                SecurityContextHolder.setContext(context);
            }
            chain.doFilter(request, response);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class SecurityConfiguration {

        @Bean
        SecurityFilterChain authorizationServer(HttpSecurity http, OAuth2TokenGenerator<?> tokens, ScopesSupported scopes)
                throws Exception {
            http.oauth2AuthorizationServer(server -> server.tokenGenerator(tokens)
                            .authorizationServerMetadataEndpoint(metadata -> metadata.authorizationServerMetadataCustomizer(
                                    builder -> builder.scopes(s -> s.addAll(scopes.scopes().get()))))
                            .clientRegistrationEndpoint(registration -> registration.openRegistrationAllowed(true)))
                    .addFilterAfter(new SignedInUser(), SecurityContextHolderFilter.class)
                    .authorizeHttpRequests(requests -> requests.requestMatchers("/oauth2/register").permitAll()
                            .anyRequest().authenticated())
                    .csrf(csrf -> csrf.disable());
            return http.build();
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().build();
        }
    }
}
