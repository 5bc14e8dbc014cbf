package dev.mcpclient.interop;

import dev.mcpclient.McpClientStatus.ProtocolEra;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Peer;

/** server-everything over Streamable HTTP: one server for the class, a new client (session) per test. */
@Against(value = Peer.EVERYTHING_HTTP, era = ProtocolEra.LEGACY)
class EverythingStreamableHttpTest extends EverythingContract implements EraOnTheWire {
}
