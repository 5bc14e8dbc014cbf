package dev.mcpclient.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SigningKeyTest {

    /** A P-256 key as the conformance suite hands it over (Node's PKCS#8 export); a test key only. */
    static final String NODE_P256_PEM = """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgKQoNR9MKhn7Q15pv
            MEFdJy81rXUc/SeZVFSXQxV5JOChRANCAAThpU/X68dGjebitkJcOsJR8hbh1WQB
            RFx9vyLLd5dlcICcn+byw15sGDVHBYgDmxIraTlJyNXpBGfd6wOj7TjS
            -----END PRIVATE KEY-----
            """;

    /** The public half of {@link #NODE_P256_PEM}. */
    static final String NODE_P256_PUBLIC_JWK = """
            {"kty":"EC","x":"4aVP1-vHRo3m4rZCXDrCUfIW4dVkAURcfb8iy3eXZXA","y":"gJyf5vLDXmwYNUcFiAObEitpOUnI1ekEZ93rA6PtONI","crv":"P-256"}""";

    static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    @Test
    void readsTheSuitesPkcs8PemAndUsesEs256ForP256() {
        SigningKey key = SigningKey.fromPem(NODE_P256_PEM, "ES256", null);
        assertThat(key.algorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(key.keyId()).isNull();
    }

    @Test
    void theAlgorithmFollowsTheCurveWhenNoneIsGiven() throws Exception {
        assertThat(SigningKey.fromPem(pem(ec("secp256r1")), null, null).algorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(SigningKey.fromPem(pem(ec("secp384r1")), null, null).algorithm()).isEqualTo(JWSAlgorithm.ES384);
        assertThat(SigningKey.fromPem(pem(ec("secp521r1")), null, "k1").algorithm()).isEqualTo(JWSAlgorithm.ES512);
    }

    @Test
    void rsaKeysSignWithRs256OrTheRsaAlgorithmGiven() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = pem(generator.generateKeyPair());
        assertThat(SigningKey.fromPem(pem, null, null).algorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(SigningKey.fromPem(pem, "PS256", null).algorithm()).isEqualTo(JWSAlgorithm.PS256);
        assertThatThrownBy(() -> SigningKey.fromPem(pem, "ES256", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ES256");
    }

    @Test
    void aWeakRsaKeyIsRefusedAtOnce() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String pem = pem(generator.generateKeyPair());
        assertThatThrownBy(() -> SigningKey.fromPem(pem, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot sign")
                .hasMessageContaining("2048");
    }

    @Test
    void anAlgorithmThatDoesNotFitTheCurveIsRefused() throws Exception {
        String pem = pem(ec("secp256r1"));
        assertThatThrownBy(() -> SigningKey.fromPem(pem, "ES384", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ES384").hasMessageContaining("use ES256");
        assertThatThrownBy(() -> SigningKey.fromPem(pem, "RS256", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badPemIsRefusedWithoutQuotingIt() {
        String legacy = "-----BEGIN EC PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END EC PRIVATE KEY-----";
        assertThatThrownBy(() -> SigningKey.fromPem(legacy, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PKCS#8")
                .hasMessageNotContaining("c2VjcmV0");
        String garbage = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----";
        assertThatThrownBy(() -> SigningKey.fromPem(garbage, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither an EC nor an RSA")
                .hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> SigningKey.fromPem("no key here", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("no key here");
    }

    @Test
    void privateJwksGiveTheirAlgorithmAndKeyId() throws Exception {
        ECKey jwk = new ECKeyGenerator(Curve.P_384).keyID("kid-384").generate();
        SigningKey key = SigningKey.fromJwkJson(jwk.toJSONString());
        assertThat(key.algorithm()).isEqualTo(JWSAlgorithm.ES384);
        assertThat(key.keyId()).isEqualTo("kid-384");

        var rsa = new RSAKeyGenerator(2048).keyID("r").algorithm(JWSAlgorithm.PS384).generate();
        assertThat(SigningKey.fromJwk(rsa).algorithm()).isEqualTo(JWSAlgorithm.PS384);
    }

    @Test
    void aPublicJwkIsRefused() throws Exception {
        ECKey jwk = new ECKeyGenerator(Curve.P_256).keyID("pub").generate().toPublicJWK();
        assertThatThrownBy(() -> SigningKey.fromJwk(jwk))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no private key");
        assertThatThrownBy(() -> SigningKey.fromJwkJson("{not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("not json");
    }

    @Test
    void toStringNamesTheAlgorithmAndKeyIdOnly() throws Exception {
        ECKey jwk = new ECKeyGenerator(Curve.P_256).keyID("kid-1").generate();
        String shown = SigningKey.fromJwk(jwk).toString();
        assertThat(shown).isEqualTo("SigningKey[ES256, kid=kid-1]");
        assertThat(shown).doesNotContain(jwk.getD().toString());
    }
}
