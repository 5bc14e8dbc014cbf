package dev.mcpclient.interop;

import dev.mcpclient.McpClientStatus.ProtocolEra;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Feature;
import dev.mcpclient.interop.report.Interop;
import dev.mcpclient.interop.report.Peer;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript SDK's dual-era server, our client left to find the era (the default, {@code auto}): it must
 * speak the modern one. One server for the class, clients per test.
 */
@Against(value = Peer.TS_SDK_DUAL_ERA_HTTP, era = ProtocolEra.MODERN)
class DualEraServerModernTest extends DualEraServerContract {

    @Override
    @Test
    @Interop(Feature.X_MCP_HEADER_UNLISTED)
    void aToolArgumentMarkedXMcpHeaderReachesTheServerWithoutAListingFirst() {
        knownGap("the client learns a tool's x-mcp-header declarations from tools/list, or from a -32020 refusal of a "
                + "call without them; this server does not check Mcp-Param-* (a call without it is answered), so the "
                + "first call of a tool the client has not listed goes without Mcp-Param-Region",
                super::aToolArgumentMarkedXMcpHeaderReachesTheServerWithoutAListingFirst);
    }
}
