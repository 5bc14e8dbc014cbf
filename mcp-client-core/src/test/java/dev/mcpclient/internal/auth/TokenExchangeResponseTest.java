package dev.mcpclient.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenExchangeResponseTest {

    @Test
    void readsAnIdJagAnswerAsTheSuitesIdpSendsIt() {
        TokenExchangeResponse response = TokenExchangeResponse.parse("""
                {"access_token":"jag.jwt.sig","issued_token_type":"urn:ietf:params:oauth:token-type:id-jag","token_type":"N_A"}""");
        assertThat(response.idJag()).isEqualTo("jag.jwt.sig");
        assertThat(response.tokenType()).isEqualTo("N_A");
        assertThat(response.expiresIn()).isNull();
        assertThat(response.scope()).isNull();
    }

    @Test
    void readsTheOptionalFields() {
        TokenExchangeResponse response = TokenExchangeResponse.parse("""
                {"access_token":"a","issued_token_type":"urn:ietf:params:oauth:token-type:access_token",
                 "token_type":"Bearer","expires_in":300,"scope":"x y"}""");
        assertThat(response.expiresIn()).isEqualTo(300L);
        assertThat(response.scope()).isEqualTo("x y");
        assertThatThrownBy(response::idJag).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("access_token").hasMessageContaining("not an ID-JAG");
    }

    @Test
    void anAnswerWithoutItsRequiredFieldsIsRefusedByName() {
        assertThatThrownBy(() -> TokenExchangeResponse.parse("{\"issued_token_type\":\"t\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no access_token");
        assertThatThrownBy(() -> TokenExchangeResponse.parse("{\"access_token\":\"secret-token\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no issued_token_type")
                .hasMessageNotContaining("secret-token");
        assertThatThrownBy(() -> TokenExchangeResponse.parse("[1]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> TokenExchangeResponse.parse("<html>secret</html>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the token exchange response is not JSON");
    }

    @Test
    void theTokenIsNeverShown() {
        TokenExchangeResponse response = new TokenExchangeResponse("jag.secret", TokenExchange.ID_JAG_TOKEN_TYPE, "N_A", 60L, null);
        assertThat(response.toString()).doesNotContain("jag.secret").contains("access_token=***");
    }
}
