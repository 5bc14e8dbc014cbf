package dev.mcpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpClientStatus.ProtocolEra;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Feature;
import dev.mcpclient.interop.report.Interop;
import dev.mcpclient.interop.report.Peer;
import dev.mcpclient.interop.support.PagingServer;
import dev.mcpclient.schema.ListToolsResult;
import dev.mcpclient.schema.Tool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server built on the official TypeScript SDK server (v2) whose tools come in pages ({@link PagingServer}),
 * over Streamable HTTP: the tests of every peer ({@link PeerContract}) with its facts, and paging by an
 * explicit cursor. The SDK's {@code createMcpHandler} serves 2026-07-28 (and the handshake era statelessly):
 * our client, left to find the era, speaks the modern one.
 */
@Against(value = Peer.TS_SDK_HTTP, era = ProtocolEra.MODERN)
class TypeScriptSdkPagingTest extends PeerContract implements EraOnTheWire {

    @Override
    String serverName() {
        return "paging-server";
    }

    @Override
    List<String> declaredCapabilities() {
        return List.of("tools");
    }

    @Override
    List<String> tools() {
        return List.of("tool-1", "tool-2", "tool-3", "tool-4", "tool-5", "tool-6", "tool-7");
    }

    @Override
    boolean listsOnlyTheseTools() {
        return true;
    }

    @Override
    List<ToolCall> toolCalls() {
        return List.of(new ToolCall("tool-5", Map.of(), exactly("called tool-5")));
    }

    @Test
    @Interop(Feature.TOOLS_LIST_CURSOR)
    void listToolsWithAnExplicitCursorGetsOnePage() {
        ListToolsResult first = client().listTools(null, CallOptions.defaults());
        assertThat(first.tools()).extracting(Tool::name).containsExactly("tool-1", "tool-2", "tool-3");
        assertThat(first.nextCursor()).isEqualTo("3");

        ListToolsResult second = client().listTools(first.nextCursor(), CallOptions.defaults());
        assertThat(second.tools()).extracting(Tool::name).containsExactly("tool-4", "tool-5", "tool-6");

        ListToolsResult last = client().listTools(second.nextCursor(), CallOptions.defaults());
        assertThat(last.tools()).extracting(Tool::name).containsExactly("tool-7");
        assertThat(last.nextCursor()).isNull();
    }
}
