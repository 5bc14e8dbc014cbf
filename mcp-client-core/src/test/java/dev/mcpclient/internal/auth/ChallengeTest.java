package dev.mcpclient.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code WWW-Authenticate} parsing: parameters, quoting, several challenges, and input that does not parse. */
class ChallengeTest {

    @Test
    void aBearerChallengeWithQuotedAndBareParameters() {
        List<Challenge> all = Challenge.parseAll(List.of(
                "Bearer realm=\"mcp\", error=invalid_token, error_description=\"a \\\"quoted\\\" text, with commas\","
                        + " resource_metadata=\"https://127.0.0.1/.well-known/oauth-protected-resource/mcp\", scope=\"a b\""));

        assertThat(all).hasSize(1);
        Challenge c = all.get(0);
        assertThat(c.scheme()).isEqualTo("Bearer");
        assertThat(c.param("realm")).isEqualTo("mcp");
        assertThat(c.param("ERROR")).isEqualTo("invalid_token");
        assertThat(c.param("error_description")).isEqualTo("a \"quoted\" text, with commas");
        assertThat(c.param("resource_metadata")).isEqualTo("https://127.0.0.1/.well-known/oauth-protected-resource/mcp");
        assertThat(c.param("scope")).isEqualTo("a b");
        assertThat(c.describe()).isEqualTo("Bearer error=invalid_token (a \"quoted\" text, with commas)");
    }

    @Test
    void severalChallengesInOneValueAndAcrossValues() {
        List<Challenge> all = Challenge.parseAll(List.of("DPoP algs=\"ES256 RS256\", error=\"use_dpop_nonce\", Bearer scope=\"x\"",
                "Basic dXNlcjpwYXNz=="));

        assertThat(all).extracting(Challenge::scheme).containsExactly("DPoP", "Bearer", "Basic");
        assertThat(all.get(0).params()).isEqualTo(Map.of("algs", "ES256 RS256", "error", "use_dpop_nonce"));
        assertThat(all.get(1).param("scope")).isEqualTo("x");
        assertThat(all.get(2).param("")).isEqualTo("dXNlcjpwYXNz==");
        assertThat(Challenge.preferred(all, "bearer").scheme()).isEqualTo("Bearer");
        assertThat(Challenge.preferred(List.of(), "Bearer")).isNull();
    }

    @Test
    void aBareUrlAndASchemeWithoutParameters() {
        List<Challenge> all = Challenge.parseAll(List.of("Bearer resource_metadata=https://127.0.0.1:8080/prm, scope=a", "Negotiate"));

        assertThat(all.get(0).param("resource_metadata")).isEqualTo("https://127.0.0.1:8080/prm");
        assertThat(all.get(0).param("scope")).isEqualTo("a");
        assertThat(all.get(1).scheme()).isEqualTo("Negotiate");
        assertThat(all.get(1).params()).isEmpty();
    }

    @Test
    void whatDoesNotParseIsSkippedNeverThrown() {
        assertThat(Challenge.parseAll(List.of("", ",,,", "Bearer error=\"unterminated", "\"\"\" = ,"))).allSatisfy(c ->
                assertThat(c.scheme()).isNotEmpty());
        assertThat(Challenge.parseAll(List.of("Bearer error=\"unterminated")).get(0).param("error")).isEqualTo("unterminated");
    }
}
