package dev.mcpclient.internal.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Makes DPoP proofs (RFC 9449 section 4): a JWT signed with the client's DPoP key, header {@code typ}
 * {@code dpop+jwt}, {@code alg} and the public {@code jwk}; claims {@code jti} (new for every proof),
 * {@code htm} (the HTTP method), {@code htu} (the target URI without query and fragment), {@code iat},
 * {@code ath} (the hash of the access token, on requests to a resource server) and {@code nonce} (the
 * one the origin gave last, from {@link DpopNonces}).
 *
 * <p>One instance is one key pair: the same key must sign the token request and every request that
 * presents the token it binds ({@code cnf.jkt} is this key's {@link #thumbprint()}). Make a new proof
 * for every send, a resend after a refusal included. Thread-safe; signing is CPU work of well under a
 * millisecond, fine on an event loop. {@link #toString()} never shows the key.
 */
public final class DpopProofs {

    /** The request header that carries a proof. */
    public static final String HEADER = "DPoP";

    /** The {@code typ} of a proof. */
    public static final JOSEObjectType TYPE = new JOSEObjectType("dpop+jwt");

    /** The authorization scheme of a DPoP-bound access token (and its {@code token_type}). */
    public static final String SCHEME = "DPoP";

    private final JWK publicKey;
    private final JWSAlgorithm algorithm;
    private final JWSSigner signer;
    private final String thumbprint;
    private final Clock clock;
    private final Supplier<String> jtis;
    private final DpopNonces nonces;

    /**
     * Proofs signed with {@code key}.
     *
     * @param key a private EC or RSA JWK
     * @param algorithm the JWS algorithm, or {@code null} for the key's {@code alg} or else its usual one
     *        (ES256 for P-256, ES384, ES512; RS256 for RSA)
     * @param clock the clock of {@code iat}
     * @param jtis a new unique {@code jti} at each call
     * @param nonces where the servers' nonces are kept
     * @throws IllegalArgumentException for a public key, another key type, or an algorithm that does not
     *         fit the key
     */
    public DpopProofs(JWK key, JWSAlgorithm algorithm, Clock clock, Supplier<String> jtis, DpopNonces nonces) {
        Objects.requireNonNull(key, "key");
        if (!key.isPrivate()) {
            throw new IllegalArgumentException("the DPoP key must be a private key");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jtis = Objects.requireNonNull(jtis, "jtis");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        if (algorithm == null && key.getAlgorithm() != null) {
            algorithm = JWSAlgorithm.parse(key.getAlgorithm().getName());
        }
        try {
            if (key instanceof ECKey ec) {
                JWSAlgorithm usual = ECDSA.resolveAlgorithm(ec.getCurve());
                if (algorithm != null && !algorithm.equals(usual)) {
                    throw new IllegalArgumentException("the DPoP algorithm " + algorithm + " does not fit an "
                            + ec.getCurve() + " key (use " + usual + ")");
                }
                this.algorithm = usual;
                this.signer = new ECDSASigner(ec);
            } else if (key instanceof RSAKey rsa) {
                if (algorithm != null && !JWSAlgorithm.Family.RSA.contains(algorithm)) {
                    throw new IllegalArgumentException("the DPoP algorithm " + algorithm + " does not fit an RSA key");
                }
                this.algorithm = algorithm == null ? JWSAlgorithm.RS256 : algorithm;
                this.signer = new RSASSASigner(rsa);
            } else {
                throw new IllegalArgumentException("unsupported DPoP key type " + key.getKeyType() + " (use EC or RSA)");
            }
            this.publicKey = key.toPublicJWK();
            this.thumbprint = publicKey.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the DPoP key cannot sign: " + e.getMessage());
        }
    }

    /** Proofs signed with {@code key} (see the full constructor), the system clock and random {@code jti}s. */
    public static DpopProofs of(JWK key) {
        return new DpopProofs(key, null, Clock.systemUTC(), () -> UUID.randomUUID().toString(), new DpopNonces());
    }

    /** Proofs signed with a new EC P-256 key pair (ES256). */
    public static DpopProofs generate() {
        return of(generateKey());
    }

    /** A new EC P-256 key pair. */
    public static ECKey generateKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("no EC P-256 key pair could be made", e);
        }
    }

    /**
     * A proof for a request that presents no access token (a token request).
     *
     * @param method the HTTP method ({@code POST})
     * @param uri the request URI (its query and fragment are left out)
     */
    public String proof(String method, URI uri) {
        return proof(method, uri, null, nonces.nonce(uri));
    }

    /**
     * A proof for a request that presents {@code accessToken} (with {@code ath}), with the nonce
     * {@code uri}'s origin gave last.
     */
    public String proof(String method, URI uri, String accessToken) {
        return proof(method, uri, accessToken, nonces.nonce(uri));
    }

    /**
     * A proof.
     *
     * @param method the HTTP method
     * @param uri the request URI (its query and fragment are left out)
     * @param accessToken the access token the request presents, or {@code null}
     * @param nonce the nonce to include, or {@code null}
     */
    public String proof(String method, URI uri, String accessToken, String nonce) {
        ClientAssertions.requireText(method, "method");
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .jwtID(jtis.get())
                .claim("htm", method.toUpperCase(Locale.ROOT))
                .claim("htu", htu(uri))
                .issueTime(Date.from(clock.instant()));
        if (accessToken != null) {
            claims.claim("ath", ath(accessToken));
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        JWSHeader header = new JWSHeader.Builder(algorithm).type(TYPE).jwk(publicKey).build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("the DPoP proof could not be signed with " + algorithm, e);
        }
        return jwt.serialize();
    }

    /**
     * The headers of a request to a resource server that presents a DPoP-bound {@code accessToken}:
     * {@code Authorization: DPoP <token>} and a fresh {@code DPoP} proof.
     */
    public Map<String, String> authorizationHeaders(String method, URI uri, String accessToken) {
        ClientAssertions.requireText(accessToken, "accessToken");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", SCHEME + " " + accessToken);
        headers.put(HEADER, proof(method, uri, accessToken));
        return headers;
    }

    /** The nonces this instance includes; feed it every response's headers ({@link DpopNonces#observe}). */
    public DpopNonces nonces() {
        return nonces;
    }

    /** The JWS algorithm of the proofs. */
    public JWSAlgorithm algorithm() {
        return algorithm;
    }

    /** The public key, as the proofs' {@code jwk} header carries it. */
    public JWK publicKey() {
        return publicKey;
    }

    /**
     * The key's JWK SHA-256 thumbprint (RFC 7638), base64url: the {@code cnf.jkt} of the tokens it binds
     * and the {@code dpop_jkt} of an authorization request (RFC 9449 section 10).
     */
    public String thumbprint() {
        return thumbprint;
    }

    /** The {@code htu} of a request to {@code uri}: lower-case scheme and host, the port, the path; no query or fragment. */
    public static String htu(URI uri) {
        Objects.requireNonNull(uri, "uri");
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException("a DPoP proof needs an absolute http(s) URI, not " + uri.getScheme()
                    + ":...");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + path;
    }

    /** The {@code ath} of {@code accessToken}: the base64url SHA-256 of its ASCII bytes. */
    public static String ath(String accessToken) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256")
                    .digest(accessToken.getBytes(StandardCharsets.US_ASCII))).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    @Override
    public String toString() {
        return "DpopProofs[" + algorithm + ", jkt=" + thumbprint + "]";
    }
}
