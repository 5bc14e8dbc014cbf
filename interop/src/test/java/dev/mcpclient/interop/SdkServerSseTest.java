package dev.mcpclient.interop;

import dev.mcpclient.McpClientStatus.ProtocolEra;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Peer;

/** The official Java SDK's server over the 2024-11-05 HTTP+SSE transport: one server for the class, clients per test. */
@Against(value = Peer.JAVA_SDK_SSE, era = ProtocolEra.LEGACY)
class SdkServerSseTest extends SdkServerContract {
}
