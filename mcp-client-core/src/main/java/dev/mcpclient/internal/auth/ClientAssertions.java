package dev.mcpclient.internal.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Makes the client assertions of {@code private_key_jwt} client authentication (RFC 7523 section 2.2,
 * RFC 7521 section 4.2, OpenID Connect Core section 9): a JWT signed with the client's private key,
 * {@code iss} and {@code sub} the client id, {@code aud} the authorization server, a fresh {@code jti},
 * {@code iat} and a short {@code exp}; the header carries the key's {@code alg} and {@code kid}.
 *
 * <p>The audience is the authorization server's issuer identifier, as the MCP client credentials
 * extension (SEP-1046) and RFC 7523bis ask and the conformance suite checks; the token endpoint URL,
 * which RFC 7523 also allowed, is refused by servers that follow RFC 7523bis. Thread-safe; signing is
 * CPU work of well under a millisecond, fine on an event loop.
 */
public final class ClientAssertions {

    /** The {@code client_assertion_type} of a JWT assertion. */
    public static final String JWT_BEARER_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** How long an assertion is valid by default. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

    private final String clientId;
    private final SigningKey key;
    private final Duration lifetime;
    private final Clock clock;
    private final Supplier<String> jtis;

    /**
     * Assertions for {@code clientId}, valid {@link #DEFAULT_LIFETIME}, with random UUIDs as {@code jti}.
     */
    public ClientAssertions(String clientId, SigningKey key) {
        this(clientId, key, DEFAULT_LIFETIME, Clock.systemUTC(), () -> UUID.randomUUID().toString());
    }

    /**
     * Assertions for {@code clientId}.
     *
     * @param clientId the client id ({@code iss} and {@code sub})
     * @param key the client's signing key
     * @param lifetime from {@code iat} to {@code exp} (positive)
     * @param clock the clock of {@code iat}
     * @param jtis a new unique {@code jti} at each call
     */
    public ClientAssertions(String clientId, SigningKey key, Duration lifetime, Clock clock, Supplier<String> jtis) {
        this.clientId = requireText(clientId, "clientId");
        this.key = Objects.requireNonNull(key, "key");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("the assertion lifetime must be positive, not " + lifetime);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jtis = Objects.requireNonNull(jtis, "jtis");
    }

    /** The client id the assertions name. */
    public String clientId() {
        return clientId;
    }

    /**
     * A new signed assertion.
     *
     * @param audience the authorization server's issuer identifier, as its metadata gives it
     * @return the compact JWT
     */
    public String assertion(String audience) {
        requireText(audience, "audience");
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(audience)
                .jwtID(jtis.get())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        JWSHeader header = new JWSHeader.Builder(key.algorithm()).keyID(key.keyId()).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("the client assertion could not be signed with " + key, e);
        }
        return jwt.serialize();
    }

    /**
     * The form fields that authenticate the client at a token endpoint: {@code client_assertion_type}
     * and {@code client_assertion} (no {@code client_id}: the assertion names the client, and RFC 7521
     * makes the field optional).
     *
     * @param audience the authorization server's issuer identifier
     */
    public TokenForm formFields(String audience) {
        return TokenForm.empty()
                .with("client_assertion_type", JWT_BEARER_ASSERTION_TYPE)
                .with("client_assertion", assertion(audience));
    }

    @Override
    public String toString() {
        return "ClientAssertions[client_id=" + clientId + ", " + key + ", lifetime=" + lifetime + "]";
    }

    static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }
}
