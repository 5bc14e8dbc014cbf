package dev.mcpclient.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
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
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DpopProofsTest {

    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final URI TOKEN_ENDPOINT = URI.create("http://localhost:4001/token");
    static final URI MCP = URI.create("http://localhost:4002/mcp");

    final ECKey key = DpopProofs.generateKey();
    final AtomicInteger jti = new AtomicInteger();
    final DpopProofs proofs = new DpopProofs(key, null, Clock.fixed(NOW, ZoneOffset.UTC),
            () -> "jti-" + jti.incrementAndGet(), new DpopNonces());

    /** Verifies the proof with the key its own header carries, as a server does, and returns it. */
    static SignedJWT verified(String proof) throws Exception {
        SignedJWT jwt = SignedJWT.parse(proof);
        JWK jwk = jwt.getHeader().getJWK();
        assertThat(jwk).isNotNull();
        assertThat(jwk.isPrivate()).as("the jwk header must hold no private key").isFalse();
        JWSVerifier verifier = jwk instanceof ECKey ec ? new ECDSAVerifier(ec) : new RSASSAVerifier((RSAKey) jwk);
        assertThat(jwt.verify(verifier)).isTrue();
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("dpop+jwt");
        return jwt;
    }

    @Test
    void aTokenRequestProofHasTheRfc9449HeaderAndClaims() throws Exception {
        SignedJWT jwt = verified(proofs.proof("post", TOKEN_ENDPOINT));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getJWK()).isEqualTo(key.toPublicJWK());
        assertThat(jwt.getHeader().getJWK().toJSONObject()).doesNotContainKey("d");
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getClaims().keySet()).containsExactlyInAnyOrder("jti", "htm", "htu", "iat");
        assertThat(claims.getJWTID()).isEqualTo("jti-1");
        assertThat(claims.getStringClaim("htm")).isEqualTo("POST");
        assertThat(claims.getStringClaim("htu")).isEqualTo("http://localhost:4001/token");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(NOW);
    }

    @Test
    void htuLeavesOutTheQueryAndTheFragment() throws Exception {
        URI uri = URI.create("HTTPS://Example.COM:8443/a%20b/mcp?session=1&x=2#frag");
        assertThat(DpopProofs.htu(uri)).isEqualTo("https://example.com:8443/a%20b/mcp");
        assertThat(verified(proofs.proof("GET", uri)).getJWTClaimsSet().getStringClaim("htu"))
                .isEqualTo("https://example.com:8443/a%20b/mcp");
        assertThat(DpopProofs.htu(URI.create("http://[::1]:9/x?q"))).isEqualTo("http://[::1]:9/x");
        assertThatThrownBy(() -> DpopProofs.htu(URI.create("/relative"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void athIsTheBase64urlSha256OfTheToken() {
        // RFC 9449 section 7.1
        assertThat(DpopProofs.ath("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"))
                .isEqualTo("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo");
    }

    @Test
    void aResourceRequestProofCarriesAth() throws Exception {
        JWTClaimsSet claims = verified(proofs.proof("POST", MCP, "the-access-token")).getJWTClaimsSet();
        assertThat(claims.getStringClaim("ath")).isEqualTo(DpopProofs.ath("the-access-token"));
        assertThat(claims.getClaims()).doesNotContainKey("nonce");
    }

    @Test
    void theNonceAnOriginGaveGoesIntoItsProofsOnly() throws Exception {
        proofs.nonces().remember(TOKEN_ENDPOINT, "as-nonce");
        proofs.nonces().remember(MCP, "rs-nonce");

        assertThat(verified(proofs.proof("POST", URI.create("http://localhost:4001/other"))).getJWTClaimsSet()
                .getStringClaim("nonce")).isEqualTo("as-nonce");
        assertThat(verified(proofs.proof("POST", MCP, "t")).getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("rs-nonce");
        assertThat(verified(proofs.proof("POST", URI.create("http://localhost:4003/mcp"))).getJWTClaimsSet()
                .getClaims()).doesNotContainKey("nonce");
        assertThat(verified(proofs.proof("POST", MCP, null, "explicit")).getJWTClaimsSet().getStringClaim("nonce"))
                .isEqualTo("explicit");
    }

    @Test
    void everyProofIsFresh() throws Exception {
        DpopProofs random = DpopProofs.of(key);
        Set<String> jtis = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            jtis.add(verified(random.proof("POST", MCP, "t")).getJWTClaimsSet().getJWTID());
        }
        assertThat(jtis).hasSize(20);
    }

    @Test
    void theThumbprintIsTheRfc7638ThumbprintOfTheProofsKey() throws Exception {
        SignedJWT jwt = verified(proofs.proof("POST", TOKEN_ENDPOINT));
        assertThat(proofs.thumbprint()).isEqualTo(jwt.getHeader().getJWK().computeThumbprint().toString())
                .isEqualTo(key.computeThumbprint("SHA-256").toString());
    }

    @Test
    void authorizationHeadersPresentTheTokenWithTheDpopScheme() throws Exception {
        Map<String, String> headers = proofs.authorizationHeaders("POST", MCP, "tok");
        assertThat(headers).containsEntry("Authorization", "DPoP tok").containsKey("DPoP");
        JWTClaimsSet claims = verified(headers.get("DPoP")).getJWTClaimsSet();
        assertThat(claims.getStringClaim("htu")).isEqualTo("http://localhost:4002/mcp");
        assertThat(claims.getStringClaim("ath")).isEqualTo(DpopProofs.ath("tok"));
    }

    @Test
    void otherCurvesAndRsaKeysSignWithTheirAlgorithm() throws Exception {
        DpopProofs p384 = DpopProofs.of(new ECKeyGenerator(Curve.P_384).generate());
        assertThat(verified(p384.proof("POST", MCP)).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES384);
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        DpopProofs rs = new DpopProofs(rsa, JWSAlgorithm.PS256, Clock.systemUTC(), () -> "j", new DpopNonces());
        SignedJWT jwt = verified(rs.proof("POST", MCP));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.PS256);
        assertThat(jwt.getHeader().getJWK().toJSONObject()).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
    }

    @Test
    void unusableKeysAreRefused() {
        assertThatThrownBy(() -> DpopProofs.of(key.toPublicJWK()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("private");
        assertThatThrownBy(() -> new DpopProofs(key, JWSAlgorithm.ES384, Clock.systemUTC(), () -> "j", new DpopNonces()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ES384").hasMessageContaining("ES256");
    }

    @Test
    void toStringShowsTheAlgorithmAndThumbprintOnly() {
        assertThat(proofs.toString()).isEqualTo("DpopProofs[ES256, jkt=" + proofs.thumbprint() + "]")
                .doesNotContain(key.getD().toString());
    }
}
