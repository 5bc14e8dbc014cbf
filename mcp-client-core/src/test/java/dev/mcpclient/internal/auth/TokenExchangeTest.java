package dev.mcpclient.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenExchangeTest {

    @Test
    void theIdJagExchangeAsksForAnIdJagForTheAuthorizationServerAndTheResource() {
        TokenForm form = TokenExchange.idJag("id.token.sig", "http://localhost:4001", "http://localhost:4002/mcp",
                List.of("mcp:read")).form();
        assertThat(form.asMap()).containsOnlyKeys("grant_type", "requested_token_type", "audience", "resource", "scope",
                "subject_token", "subject_token_type");
        assertThat(form.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:token-exchange");
        assertThat(form.get("requested_token_type")).isEqualTo("urn:ietf:params:oauth:token-type:id-jag");
        assertThat(form.get("subject_token")).isEqualTo("id.token.sig");
        assertThat(form.get("subject_token_type")).isEqualTo("urn:ietf:params:oauth:token-type:id_token");
        assertThat(form.get("audience")).isEqualTo("http://localhost:4001");
        assertThat(form.get("resource")).isEqualTo("http://localhost:4002/mcp");
        assertThat(form.get("scope")).isEqualTo("mcp:read");
    }

    @Test
    void optionalFieldsAreLeftOutWhenNotGiven() {
        TokenForm form = TokenExchange.idJag("t", "aud", "res", null).form();
        assertThat(form.asMap()).doesNotContainKey("scope");
        TokenForm plain = new TokenExchange("t", TokenExchange.ACCESS_TOKEN_TYPE, null, null, null, null).form();
        assertThat(plain.asMap()).containsOnlyKeys("grant_type", "subject_token", "subject_token_type");
    }

    @Test
    void theIdJagExchangeNeedsAnAudienceAndAResource() {
        assertThatThrownBy(() -> TokenExchange.idJag("t", null, "res", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audience");
        assertThatThrownBy(() -> TokenExchange.idJag("t", "aud", " ", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resource");
        assertThatThrownBy(() -> TokenExchange.idJag("", "aud", "res", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subjectToken");
    }

    @Test
    void theSubjectTokenIsNeverShown() {
        TokenExchange exchange = TokenExchange.idJag("id.token.secret", "aud", "res", null);
        assertThat(exchange.toString()).doesNotContain("id.token.secret").contains("subject_token=***", "audience=aud");
        assertThat(exchange.form().toString()).doesNotContain("id.token.secret");
    }
}
