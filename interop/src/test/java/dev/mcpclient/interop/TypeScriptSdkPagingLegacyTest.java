package dev.mcpclient.interop;

import dev.mcpclient.McpClientStatus.ProtocolEra;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Peer;

/**
 * The paging server of {@link TypeScriptSdkPagingTest}, our client pinned to 2025-11-25: the handshake era,
 * which the SDK's {@code createMcpHandler} serves statelessly (no session) on the same endpoint, with the
 * same tests.
 */
@Against(value = Peer.TS_SDK_HTTP, era = ProtocolEra.LEGACY, protocolVersion = "2025-11-25")
class TypeScriptSdkPagingLegacyTest extends TypeScriptSdkPagingTest {
}
