package dev.mcpclient.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenFormTest {

    @Test
    void fieldsKeepTheirOrderAndAReplacedFieldItsPlace() {
        TokenForm form = TokenForm.empty().with("grant_type", "a").with("scope", "s").with("grant_type", "b");
        assertThat(form.asMap().keySet()).containsExactly("grant_type", "scope");
        assertThat(form.get("grant_type")).isEqualTo("b");
    }

    @Test
    void nullValuesAreLeftOutAndFormsAreImmutable() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grant_type", "g");
        fields.put("scope", null);
        TokenForm form = TokenForm.of(fields);
        TokenForm more = form.with("resource", null).and(TokenForm.empty().with("audience", "x"));

        assertThat(form.asMap()).containsOnlyKeys("grant_type");
        assertThat(more.asMap()).containsOnlyKeys("grant_type", "audience");
        assertThat(form).isNotEqualTo(more).isEqualTo(TokenForm.empty().with("grant_type", "g"));
    }

    @Test
    void theBodyIsFormUrlEncoded() {
        TokenForm form = TokenForm.empty().with("scope", "mcp:read mcp:write").with("resource", "http://h/mcp?a=1&b=é");
        assertThat(form.encoded()).isEqualTo("scope=mcp%3Aread+mcp%3Awrite&resource=http%3A%2F%2Fh%2Fmcp%3Fa%3D1%26b%3D%C3%A9");
        assertThat(form.toMultiValueMap().get("scope")).isEqualTo(List.of("mcp:read mcp:write"));
    }

    @Test
    void toStringShowsDescriptiveFieldsAndHidesEveryOtherValue() {
        TokenForm form = TokenForm.empty().with("grant_type", "client_credentials").with("client_secret", "s3cret")
                .with("assertion", "eyJhbGciOi").with("subject_token", "id-token").with("scope", "a b");
        assertThat(form.toString()).isEqualTo(
                "TokenForm[grant_type=client_credentials, client_secret=***, assertion=***, subject_token=***, scope=a b]");
    }
}
