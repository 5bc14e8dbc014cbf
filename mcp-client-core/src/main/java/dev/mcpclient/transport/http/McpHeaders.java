package dev.mcpclient.transport.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The HTTP headers the MCP specification names. */
final class McpHeaders {

    /** The session id (Streamable HTTP). */
    static final String SESSION_ID = "Mcp-Session-Id";
    /** The negotiated protocol version (2025-06-18 and later). */
    static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
    /** Where a resumed stream starts again (SSE). */
    static final String LAST_EVENT_ID = "Last-Event-ID";
    /** The request's JSON-RPC {@code method} (2026-07-28). */
    static final String METHOD = "Mcp-Method";
    /**
     * The {@code params.name} of {@code tools/call} and {@code prompts/get}, or the {@code params.uri} of
     * {@code resources/read} (2026-07-28); its value goes through {@link #encodeValue(String)}.
     */
    static final String NAME = "Mcp-Name";
    /**
     * Precedes the name a tool's {@code x-mcp-header} annotation gives to one of its parameters
     * (2026-07-28): {@code Mcp-Param-Region}. The value goes through {@link #encodeValue(String)}.
     */
    static final String PARAM_PREFIX = "Mcp-Param-";

    /** Opens a Base64-encoded value. */
    static final String BASE64_PREFIX = "=?base64?";
    /** Closes a Base64-encoded value. */
    static final String BASE64_SUFFIX = "?=";

    private McpHeaders() {
    }

    /**
     * The header value that carries {@code value} ({@code Mcp-Name}, {@code Mcp-Param-*}): the value itself
     * when it is safe as a plain header value, else {@code =?base64?} + the standard Base64 (padded) of its
     * UTF-8 bytes + {@code ?=}.
     *
     * <p>A value is plain when every character is visible ASCII (0x21-0x7E) or a space, it neither starts
     * nor ends with a space, and it does not look like an encoded value (starts with {@code =?base64?} and
     * ends with {@code ?=}; the two may overlap, {@code =?base64?=} is encoded too). A horizontal tab is
     * always encoded, inside the value as well: the specification counts it among the control characters
     * that force the encoding, and the conformance suite expects it so. The empty string stays plain
     * (an empty header value). A plain value is returned as the same instance.
     *
     * <p>A lone surrogate (a {@code char} in U+D800-U+DFFF not part of a pair) has no UTF-8 form; it is
     * encoded as U+FFFD, the replacement character, as WHATWG's UTF-8 encoder (a JavaScript server's
     * {@code TextEncoder}) does, not as the {@code ?} of {@link String#getBytes}, which would pass for data.
     *
     * @param value the value as text (an integer in decimal, a boolean as {@code true}/{@code false})
     * @return the header value
     */
    static String encodeValue(String value) {
        return isPlain(value) ? value : BASE64_PREFIX
                + Base64.getEncoder().encodeToString(utf8(value)) + BASE64_SUFFIX;
    }

    /** The UTF-8 bytes of {@code value}, each lone surrogate as U+FFFD. */
    private static byte[] utf8(String value) {
        StringBuilder replaced = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (paired) {
                i++;
                continue;
            }
            if (replaced == null) {
                replaced = new StringBuilder(value);
            }
            replaced.setCharAt(i, '\uFFFD');
        }
        return (replaced == null ? value : replaced.toString()).getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isPlain(String value) {
        int length = value.length();
        if (length == 0) {
            return true;
        }
        if (value.charAt(0) == ' ' || value.charAt(length - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return !(value.startsWith(BASE64_PREFIX) && value.endsWith(BASE64_SUFFIX));
    }
}
