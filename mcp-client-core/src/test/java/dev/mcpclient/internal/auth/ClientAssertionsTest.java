package dev.mcpclient.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientAssertionsTest {

    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String ISSUER = "http://localhost:4000";

    @Test
    void theSuitesKeySignsAnAssertionItsPublicKeyVerifies() throws Exception {
        SigningKey key = SigningKey.fromPem(SigningKeyTest.NODE_P256_PEM, "ES256", null);
        AtomicInteger n = new AtomicInteger();
        ClientAssertions assertions = new ClientAssertions("conformance-test-client", key, Duration.ofSeconds(60),
                CLOCK, () -> "jti-" + n.incrementAndGet());

        SignedJWT jwt = SignedJWT.parse(assertions.assertion(ISSUER));

        ECKey publicKey = (ECKey) JWK.parse(SigningKeyTest.NODE_P256_PUBLIC_JWK);
        assertThat(jwt.verify(new ECDSAVerifier(publicKey))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isNull();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("conformance-test-client");
        assertThat(claims.getSubject()).isEqualTo("conformance-test-client");
        assertThat(claims.getAudience()).containsExactly(ISSUER);
        assertThat(claims.getJWTID()).isEqualTo("jti-1");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(NOW);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(60));
        assertThat(claims.getClaims().keySet()).containsExactlyInAnyOrder("iss", "sub", "aud", "jti", "iat", "exp");
    }

    @Test
    void theHeaderCarriesTheKeyIdAndTheRsaAlgorithm() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").algorithm(JWSAlgorithm.PS256).generate();
        ClientAssertions assertions = new ClientAssertions("client-7", SigningKey.fromJwk(rsa));

        SignedJWT jwt = SignedJWT.parse(assertions.assertion("https://as.example.com"));

        assertThat(jwt.verify(new RSASSAVerifier(rsa.toPublicJWK()))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.PS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("rsa-1");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant().getEpochSecond()
                - jwt.getJWTClaimsSet().getIssueTime().toInstant().getEpochSecond())
                .isEqualTo(ClientAssertions.DEFAULT_LIFETIME.toSeconds());
    }

    @Test
    void everyAssertionHasItsOwnJti() throws Exception {
        ClientAssertions assertions = new ClientAssertions("c", SigningKey.fromJwk(new ECKeyGenerator(Curve.P_256).generate()));
        Set<String> jtis = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            jtis.add(SignedJWT.parse(assertions.assertion(ISSUER)).getJWTClaimsSet().getJWTID());
        }
        assertThat(jtis).hasSize(20);
    }

    @Test
    void theFormFieldsAuthenticateTheClientAndHideTheAssertion() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        ClientAssertions assertions = new ClientAssertions("c", SigningKey.fromJwk(ec));

        TokenForm form = assertions.formFields(ISSUER);

        assertThat(form.asMap().keySet()).containsExactly("client_assertion_type", "client_assertion");
        assertThat(form.get("client_assertion_type")).isEqualTo("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        assertThat(SignedJWT.parse(form.get("client_assertion")).verify(new ECDSAVerifier(ec.toPublicJWK()))).isTrue();
        assertThat(form.toString()).contains("client_assertion=***").doesNotContain(form.get("client_assertion"));
    }

    @Test
    void badArgumentsAreRefused() throws Exception {
        SigningKey key = SigningKey.fromJwk(new ECKeyGenerator(Curve.P_256).generate());
        assertThatThrownBy(() -> new ClientAssertions(" ", key)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clientId");
        assertThatThrownBy(() -> new ClientAssertions("c", key, Duration.ZERO, CLOCK, () -> "j"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> new ClientAssertions("c", key).assertion(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audience");
        assertThat(new ClientAssertions("c", key).toString()).contains("client_id=c", "ES256");
        assertThat(List.of(new ClientAssertions("c", key).clientId())).containsExactly("c");
    }
}
