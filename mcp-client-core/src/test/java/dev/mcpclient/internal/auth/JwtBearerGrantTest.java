package dev.mcpclient.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtBearerGrantTest {

    @Test
    void theFormHasTheGrantTypeTheAssertionAndWhatWasGiven() {
        TokenForm form = JwtBearerGrant.of("eyJ.a.b", List.of("mcp:read", "mcp:write"), "http://localhost:4002/mcp").form();
        assertThat(form.asMap()).containsExactly(
                Map.entry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                Map.entry("assertion", "eyJ.a.b"),
                Map.entry("scope", "mcp:read mcp:write"),
                Map.entry("resource", "http://localhost:4002/mcp"));
    }

    @Test
    void noScopeAndNoResourceLeaveTheirFieldsOut() {
        assertThat(JwtBearerGrant.of("eyJ.a.b", List.of(), null).form().asMap())
                .containsOnlyKeys("grant_type", "assertion");
        assertThat(new JwtBearerGrant("eyJ.a.b", " ", "").form().asMap()).containsOnlyKeys("grant_type", "assertion");
    }

    @Test
    void anAssertionIsRequiredAndNeverShown() {
        assertThatThrownBy(() -> new JwtBearerGrant(null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("assertion");
        JwtBearerGrant grant = new JwtBearerGrant("eyJ.secret.sig", "s", "r");
        assertThat(grant.toString()).doesNotContain("eyJ.secret.sig").contains("assertion=***", "scope=s", "resource=r");
        assertThat(grant.form().toString()).doesNotContain("eyJ.secret.sig");
    }
}
