package dev.mcpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import dev.mcpclient.schema.McpJson;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The contexts as the suite writes them ({@code JSON.stringify({name, ...context})}). */
class AuthScenarioContextTest {

    /** A test key only (Node's PKCS#8 export of a P-256 key, as the suite makes it). */
    private static final String PEM = "-----BEGIN PRIVATE KEY-----\\n"
            + "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgKQoNR9MKhn7Q15pv\\n"
            + "MEFdJy81rXUc/SeZVFSXQxV5JOChRANCAAThpU/X68dGjebitkJcOsJR8hbh1WQB\\n"
            + "RFx9vyLLd5dlcICcn+byw15sGDVHBYgDmxIraTlJyNXpBGfd6wOj7TjS\\n"
            + "-----END PRIVATE KEY-----\\n";

    private static AuthScenarioContext parse(String json) {
        return AuthScenarioContext.of(McpJson.mapper().readTree(json));
    }

    @Test
    void clientCredentialsJwtGivesAPemKeyAndItsAlgorithm() {
        AuthScenarioContext context = parse("{\"name\":\"auth/client-credentials-jwt\",\"client_id\":\"conformance-test-client\","
                + "\"private_key_pem\":\"" + PEM + "\",\"signing_algorithm\":\"ES256\"}");
        assertThat(context.clientId()).isEqualTo("conformance-test-client");
        assertThat(context.signingKey().algorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(context.toString()).contains("private_key_pem=***").doesNotContain("MIGHAgEA");
    }

    @Test
    void enterpriseManagedAuthorizationGivesTheIdpAndTheIdToken() {
        AuthScenarioContext context = parse("""
                {"name":"auth/enterprise-managed-authorization","client_id":"conformance-test-xaa-client",
                 "client_secret":"conformance-test-xaa-secret","idp_client_id":"conformance-test-idp-client",
                 "idp_id_token":"eyJ.id.token","idp_issuer":"http://localhost:4003",
                 "idp_token_endpoint":"http://localhost:4003/token"}""");
        assertThat(context.idpTokenEndpoint()).isEqualTo(URI.create("http://localhost:4003/token"));
        assertThat(context.idpIdToken()).isEqualTo("eyJ.id.token");
        assertThat(context.clientSecret()).isEqualTo("conformance-test-xaa-secret");
        assertThat(context.toString()).doesNotContain("conformance-test-xaa-secret", "eyJ.id.token")
                .contains("idp_client_id=conformance-test-idp-client");
    }

    @Test
    void wifGivesTheWorkloadsJwts() {
        AuthScenarioContext context = parse("""
                {"name":"auth/wif-jwt-bearer","client_id":"conformance-wif-workload","valid_jwt":"v.v.v",
                 "wrong_audience_jwt":"w.w.w","expired_jwt":"e.e.e"}""");
        assertThat(context.validJwt()).isEqualTo("v.v.v");
        assertThat(context.toString()).doesNotContain("v.v.v");
    }

    @Test
    void aMissingFieldIsNamed() {
        AuthScenarioContext context = parse("{\"name\":\"auth/client-credentials-jwt\"}");
        assertThatThrownBy(context::signingKey).isInstanceOf(IllegalStateException.class)
                .hasMessage("the context of auth/client-credentials-jwt has no private_key_pem");
        assertThat(context.clientId()).isNull();
    }
}
