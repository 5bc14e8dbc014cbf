package dev.mcpclient.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.McpProtocolException;
import dev.mcpclient.schema.McpJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonRpcCodecTest {

    private static List<JsonRpcMessage> decode(String json) {
        return JsonRpcCodec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode tree(String json) {
        return McpJson.mapper().readTree(json);
    }

    @Test
    void readsRequestNotificationResultAndError() {
        assertThat(decode("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}"))
                .containsExactly(new JsonRpcRequest(RequestId.of(7), "ping", null));
        assertThat(decode("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progress\":1}}"))
                .containsExactly(new JsonRpcNotification("notifications/progress", tree("{\"progress\":1}")));
        assertThat(decode("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{}}"))
                .containsExactly(JsonRpcResponse.result(RequestId.of("a"), tree("{}")));
        JsonRpcResponse error = (JsonRpcResponse) decode(
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"bad\",\"data\":[1]}}").get(0);
        assertThat(error.error()).isEqualTo(new JsonRpcError(-32602, "bad", tree("[1]")));
    }

    @Test
    void stringAndIntegerIdsDiffer() {
        assertThat(RequestId.of(1)).isNotEqualTo(RequestId.of("1"));
        assertThat(RequestId.of(1)).isEqualTo(RequestId.of(1L)).hasSameHashCodeAs(RequestId.of(1));
    }

    @Test
    void readsABatch() {
        assertThat(decode("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1},{\"jsonrpc\":\"2.0\",\"method\":\"x\"}]"))
                .hasSize(2)
                .first().isInstanceOf(JsonRpcResponse.class);
    }

    @Test
    void writesEachKindWithVersionAndWithoutNulls() {
        JsonNode params = tree("{\"name\":\"echo\"}");
        assertThat(JsonRpcCodec.toTree(new JsonRpcRequest(RequestId.of(5), "tools/call", params)).toString())
                .isEqualTo(tree("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}").toString());
        assertThat(JsonRpcCodec.toTree(new JsonRpcNotification("notifications/initialized", null)))
                .isEqualTo(tree("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
        assertThat(JsonRpcCodec.toTree(JsonRpcResponse.error(RequestId.of("x"), new JsonRpcError(-1, "no", null))))
                .isEqualTo(tree("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"error\":{\"code\":-1,\"message\":\"no\"}}"));
        byte[] bytes = JsonRpcCodec.encode(JsonRpcResponse.result(RequestId.of(1), tree("{}")));
        assertThat(decode(new String(bytes, StandardCharsets.UTF_8)))
                .containsExactly(JsonRpcResponse.result(RequestId.of(1), tree("{}")));
    }

    @Test
    void malformedJsonIsAClearError() {
        assertThatThrownBy(() -> decode("{\"jsonrpc\":\"2.0\",\"id\":1,"))
                .isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("malformed JSON")
                .hasMessageContaining("{\"jsonrpc\":\"2.0\",\"id\":1,");
    }

    @Test
    void invalidEnvelopesSayWhatIsWrong() {
        assertThatThrownBy(() -> decode("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> decode("{\"id\":1,\"result\":{}}")).hasMessageContaining("\"jsonrpc\" is not \"2.0\"");
        assertThatThrownBy(() -> decode("{\"jsonrpc\":\"2.0\"}")).hasMessageContaining("neither \"method\" nor \"id\"");
        assertThatThrownBy(() -> decode("{\"jsonrpc\":\"2.0\",\"id\":1}")).hasMessageContaining("without \"result\" or \"error\"");
        assertThatThrownBy(() -> decode("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"result\":1}")).hasMessageContaining("\"id\" is neither");
        assertThatThrownBy(() -> decode("{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":1}")).hasMessageContaining("\"id\" is neither");
        assertThatThrownBy(() -> decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1,\"error\":{\"code\":1,\"message\":\"m\"}}"))
                .hasMessageContaining("both");
        assertThatThrownBy(() -> decode("{\"jsonrpc\":\"2.0\",\"method\":5}")).hasMessageContaining("\"method\" is not a string");
        assertThatThrownBy(() -> decode("")).isInstanceOf(McpProtocolException.class);
    }

    /** Found by JsonRpcCodecFuzzTest: Jackson's asInt() threw its own JsonNodeException past every catch of McpProtocolException. */
    @Test
    void anErrorCodeBeyondThirtyTwoBitsIsAProtocolError() {
        assertThatThrownBy(() -> decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":1099511627776,\"message\":\"m\"}}"))
                .isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("\"code\" outside the 32-bit integer range");
        assertThatThrownBy(() -> decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-99999999999999999999999}}"))
                .isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("\"code\" outside the 32-bit integer range");
        assertThat(decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-2147483648,\"message\":\"m\"}}"))
                .containsExactly(JsonRpcResponse.error(RequestId.of(1), new JsonRpcError(Integer.MIN_VALUE, "m", null)));
    }
}
