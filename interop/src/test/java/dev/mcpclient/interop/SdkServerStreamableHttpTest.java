package dev.mcpclient.interop;

import dev.mcpclient.McpClientStatus.ProtocolEra;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Peer;

/** The official Java SDK's server over Streamable HTTP: one server for the class, clients per test. */
@Against(value = Peer.JAVA_SDK_HTTP, era = ProtocolEra.LEGACY)
class SdkServerStreamableHttpTest extends SdkServerContract implements EraOnTheWire {
}
