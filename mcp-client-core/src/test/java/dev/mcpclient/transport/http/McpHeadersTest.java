package dev.mcpclient.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link McpHeaders#encodeValue}: the Value Encoding rule of the 2026-07-28 Streamable HTTP transport. */
class McpHeadersTest {

    @Test
    void theHeaderNames() {
        assertThat(McpHeaders.METHOD).isEqualTo("Mcp-Method");
        assertThat(McpHeaders.NAME).isEqualTo("Mcp-Name");
        assertThat(McpHeaders.PARAM_PREFIX + "Region").isEqualTo("Mcp-Param-Region");
    }

    /** The specification's table of examples, encoded strings verbatim. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "us-west1              | us-west1",
        "Hello, 世界           | =?base64?SGVsbG8sIOS4lueVjA==?=",
        "\" padded \"          | =?base64?IHBhZGRlZCA=?=",
        "=?base64?literal?=    | =?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?="
    })
    void theSpecificationExamples(String value, String encoded) {
        assertThat(McpHeaders.encodeValue(value)).isEqualTo(encoded);
    }

    @Test
    void aNewlineIsEncodedAsInTheSpecification() {
        assertThat(McpHeaders.encodeValue("line1\nline2")).isEqualTo("=?base64?bGluZTEKbGluZTI=?=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-west1", "us west 1", "a", "42", "-7", "true", "false", "tools/call",
        "file:///projects/myapp/config.json", "https://example.com/resource?id=123",
        "file:///path/to/file%20name.txt", "my-hyphenated-tool", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
        "=?base64?", "?=", "=?base64", "x=?base64?y?=", "=?base64?y?=x", "=?BASE64?abc?="})
    void plainValuesAreTheSameInstance(String value) {
        assertThat(McpHeaders.encodeValue(value)).isSameAs(value);
    }

    @Test
    void theEmptyStringStaysAnEmptyHeaderValue() {
        assertThat(McpHeaders.encodeValue("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {" us-west1", "us-west1 ", "  ", " ", "\tindented", "indented\t", "in\tside", "\t",
        "line1\r\nline2", "cr\rhere", "nul\0here", "bell\u0007", "esc\u001B[0m", "unit\u001Fsep", "del\u007Fhere",
        "é", "caf\u00E9", "nbsp\u00A0here", "emoji \uD83D\uDE00", "\u0085next-line",
        "=?base64?literal?=", "=?base64??=", "=?base64?="})
    void unsafeValuesAreBase64OfTheirUtf8(String value) {
        String encoded = McpHeaders.encodeValue(value);

        assertThat(encoded).startsWith("=?base64?").endsWith("?=");
        String body = encoded.substring("=?base64?".length(), encoded.length() - "?=".length());
        assertThat(body).matches("[A-Za-z0-9+/]*={0,2}").hasSize(body.length() / 4 * 4);
        assertThat(new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8)).isEqualTo(value);
    }

    @Test
    void tabsAndSpacesEncodedExactly() {
        assertThat(McpHeaders.encodeValue(" us-west1")).isEqualTo("=?base64?IHVzLXdlc3Qx?=");
        assertThat(McpHeaders.encodeValue("us-west1 ")).isEqualTo("=?base64?dXMtd2VzdDEg?=");
        assertThat(McpHeaders.encodeValue("\tindented")).isEqualTo("=?base64?CWluZGVudGVk?=");
        assertThat(McpHeaders.encodeValue("line1\r\nline2")).isEqualTo("=?base64?bGluZTENCmxpbmUy?=");
        assertThat(McpHeaders.encodeValue("\u007F")).isEqualTo("=?base64?fw==?=");
    }

    @Test
    void theStandardAlphabetWithPadding() {
        // 0xFB 0xFF as UTF-8 bytes of U+FFFx give '+' and '/' in the standard alphabet, never '-' or '_'
        assertThat(McpHeaders.encodeValue("\uFFFF")).isEqualTo("=?base64?77+/?=");
        assertThat(McpHeaders.encodeValue("\u00FF")).isEqualTo("=?base64?w78=?=");
    }

    /** Found by McpHeadersFuzzTest: String.getBytes wrote a lone surrogate as '?', a value the argument never had. */
    @Test
    void aLoneSurrogateIsEncodedAsTheReplacementCharacter() {
        assertThat(McpHeaders.encodeValue("a\uD800b")).isEqualTo("=?base64?"
                + Base64.getEncoder().encodeToString("a\uFFFDb".getBytes(StandardCharsets.UTF_8)) + "?=");
        assertThat(McpHeaders.encodeValue("\uDC00")).isEqualTo("=?base64?77+9?=");
        assertThat(McpHeaders.encodeValue("\uD83D")).isEqualTo("=?base64?77+9?=");
        // a pair stays the character it makes
        assertThat(McpHeaders.encodeValue("\uD83D\uDE00")).isEqualTo("=?base64?8J+YgA==?=");
        assertThat(McpHeaders.encodeValue("\uDE00\uD83D")).isEqualTo("=?base64?77+977+9?=");
    }
}
