package dev.mcpclient.interop;

import dev.mcpclient.McpClientStatus.ProtocolEra;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Peer;

/**
 * The TypeScript SDK's dual-era server, our client left to find the era (the default, {@code auto}): it must
 * speak the modern one. One server for the class, clients per test.
 */
@Against(value = Peer.TS_SDK_DUAL_ERA_HTTP, era = ProtocolEra.MODERN)
class DualEraServerModernTest extends DualEraServerContract {
}
