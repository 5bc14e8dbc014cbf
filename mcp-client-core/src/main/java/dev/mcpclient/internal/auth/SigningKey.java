package dev.mcpclient.internal.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.Objects;

/**
 * A private key that signs JWTs the client sends (a {@code private_key_jwt} client assertion), with the
 * JWS algorithm it signs with and the key id ({@code kid}) the authorization server knows it by.
 * EC keys (P-256, P-384, P-521, secp256k1: ES256, ES384, ES512, ES256K) and RSA keys (RS256/384/512, PS256/384/512).
 * {@link #toString()} names the algorithm and key id, never the key.
 */
public final class SigningKey {

    private final JWSSigner signer;
    private final JWSAlgorithm algorithm;
    private final String keyId;

    private SigningKey(JWSSigner signer, JWSAlgorithm algorithm, String keyId) {
        this.signer = signer;
        this.algorithm = algorithm;
        this.keyId = keyId;
    }

    /**
     * A key and its algorithm.
     *
     * @param privateKey an EC or RSA private key
     * @param algorithm the JWS algorithm, or {@code null} for the key's usual one (ES256 for P-256,
     *        ES384 for P-384, ES512 for P-521, RS256 for RSA)
     * @param keyId the {@code kid} header to send, or {@code null} for none
     * @throws IllegalArgumentException for a key type or an algorithm that does not fit the key
     */
    public static SigningKey of(PrivateKey privateKey, JWSAlgorithm algorithm, String keyId) {
        Objects.requireNonNull(privateKey, "privateKey");
        JWSAlgorithm usual = usualAlgorithm(privateKey);
        if (algorithm == null) {
            algorithm = usual;
        } else if (privateKey instanceof ECPrivateKey ? !algorithm.equals(usual)
                : !JWSAlgorithm.Family.RSA.contains(algorithm)) {
            throw new IllegalArgumentException("the signing algorithm " + algorithm + " does not fit a "
                    + describe(privateKey) + " (use " + usual + ")");
        }
        return new SigningKey(signer(privateKey), algorithm, keyId);
    }

    /**
     * A key from PEM text holding a PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}).
     *
     * @param pem the PEM text
     * @param algorithm the JWS algorithm name ({@code ES256}), or {@code null} for the key's usual one
     * @param keyId the {@code kid} header to send, or {@code null}
     * @throws IllegalArgumentException when the text is not a PKCS#8 EC or RSA private key (the message
     *         never quotes the text)
     */
    public static SigningKey fromPem(String pem, String algorithm, String keyId) {
        Objects.requireNonNull(pem, "pem");
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(pem.contains("-----BEGIN EC PRIVATE KEY-----")
                    || pem.contains("-----BEGIN RSA PRIVATE KEY-----")
                            ? "the private key is in a legacy PEM format: convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt)"
                            : "the PEM text holds no PKCS#8 private key (-----BEGIN PRIVATE KEY-----)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM private key is not valid Base64");
        }
        PrivateKey key = null;
        for (String type : new String[] {"EC", "RSA"}) {
            try {
                key = KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
                break;
            } catch (GeneralSecurityException e) {
                // try the next type; the cause would describe the key, so it is not kept
            }
        }
        if (key == null) {
            throw new IllegalArgumentException("the PEM private key is neither an EC nor an RSA PKCS#8 key");
        }
        return of(key, algorithm == null ? null : JWSAlgorithm.parse(algorithm), keyId);
    }

    /**
     * A key from a private JWK (EC or RSA, with its {@code d}); its {@code alg} and {@code kid} are used
     * when present.
     *
     * @throws IllegalArgumentException for a public or unsupported JWK (the message never quotes it)
     */
    public static SigningKey fromJwk(JWK jwk) {
        return fromJwk(jwk, null, null);
    }

    /**
     * A key from a private JWK, with {@code algorithm} and {@code keyId} instead of the JWK's own
     * {@code alg} and {@code kid} where given.
     *
     * @param algorithm the JWS algorithm name, or {@code null} for the JWK's {@code alg} or else the key's usual one
     * @param keyId the {@code kid} header, or {@code null} for the JWK's {@code kid}
     */
    public static SigningKey fromJwk(JWK jwk, String algorithm, String keyId) {
        Objects.requireNonNull(jwk, "jwk");
        if (!jwk.isPrivate()) {
            throw new IllegalArgumentException("the JWK " + (jwk.getKeyID() == null ? "" : jwk.getKeyID() + " ")
                    + "holds no private key");
        }
        try {
            PrivateKey key;
            if (jwk instanceof ECKey ec) {
                key = ec.toPrivateKey();
            } else if (jwk instanceof RSAKey rsa) {
                key = rsa.toPrivateKey();
            } else {
                throw new IllegalArgumentException("unsupported JWK key type " + jwk.getKeyType() + " (use EC or RSA)");
            }
            String alg = algorithm != null ? algorithm : jwk.getAlgorithm() == null ? null : jwk.getAlgorithm().getName();
            return of(key, alg == null ? null : JWSAlgorithm.parse(alg), keyId != null ? keyId : jwk.getKeyID());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the JWK's private key could not be read");
        }
    }

    /** A key from the JSON text of a private JWK; see {@link #fromJwk(JWK)}. */
    public static SigningKey fromJwkJson(String json) {
        return fromJwkJson(json, null, null);
    }

    /** A key from the JSON text of a private JWK; see {@link #fromJwk(JWK, String, String)}. */
    public static SigningKey fromJwkJson(String json, String algorithm, String keyId) {
        try {
            return fromJwk(JWK.parse(json), algorithm, keyId);
        } catch (ParseException e) {
            throw new IllegalArgumentException("the text is not a JWK");
        }
    }

    /** The JWS algorithm ({@code alg} header). */
    public JWSAlgorithm algorithm() {
        return algorithm;
    }

    /** The key id ({@code kid} header), or {@code null}. */
    public String keyId() {
        return keyId;
    }

    /** The Nimbus signer of this key (thread-safe). */
    JWSSigner signer() {
        return signer;
    }

    private static JWSSigner signer(PrivateKey key) {
        try {
            return key instanceof ECPrivateKey ec ? new ECDSASigner(ec) : new RSASSASigner(key);
        } catch (JOSEException | IllegalArgumentException e) {
            // e.g. an RSA key shorter than 2048 bits; the message names no key material
            throw new IllegalArgumentException("the " + describe(key) + " cannot sign: " + e.getMessage());
        }
    }

    private static JWSAlgorithm usualAlgorithm(PrivateKey key) {
        if (key instanceof ECPrivateKey ec) {
            try {
                return ECDSA.resolveAlgorithm(ec);
            } catch (JOSEException e) {
                throw new IllegalArgumentException("unsupported EC curve (use P-256, P-384 or P-521)");
            }
        }
        if (key instanceof RSAPrivateKey) {
            return JWSAlgorithm.RS256;
        }
        throw new IllegalArgumentException("unsupported private key type " + key.getAlgorithm() + " (use EC or RSA)");
    }

    private static String describe(PrivateKey key) {
        return key instanceof ECPrivateKey ec ? "EC key of " + ec.getParams().getCurve().getField().getFieldSize() + " bits"
                : key.getAlgorithm() + " key";
    }

    @Override
    public String toString() {
        return "SigningKey[" + algorithm + (keyId == null ? "" : ", kid=" + keyId) + "]";
    }
}
