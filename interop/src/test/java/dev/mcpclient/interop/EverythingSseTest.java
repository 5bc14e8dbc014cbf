package dev.mcpclient.interop;

import dev.mcpclient.McpClientStatus.ProtocolEra;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Peer;

/** server-everything over the 2024-11-05 HTTP+SSE transport: one server for the class, a client per test. */
@Against(value = Peer.EVERYTHING_SSE, era = ProtocolEra.LEGACY)
class EverythingSseTest extends EverythingContract {
}
