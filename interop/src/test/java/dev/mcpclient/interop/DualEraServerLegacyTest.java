package dev.mcpclient.interop;

import dev.mcpclient.McpClientStatus.ProtocolEra;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Peer;

/**
 * The TypeScript SDK's dual-era server, our client pinned to 2025-11-25: the handshake era on the same
 * endpoint, with the same tests as {@link DualEraServerModernTest}. One server for the class, clients (sessions)
 * per test.
 */
@Against(value = Peer.TS_SDK_DUAL_ERA_HTTP, era = ProtocolEra.LEGACY, protocolVersion = "2025-11-25")
class DualEraServerLegacyTest extends DualEraServerContract {
}
