package dev.mcpclient.interop;

import dev.mcpclient.McpClientStatus.ProtocolEra;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Peer;

/** server-everything over stdio: each client starts its own server process, and closing it ends that process. */
@Against(value = Peer.EVERYTHING_STDIO, era = ProtocolEra.LEGACY)
class EverythingStdioTest extends EverythingContract {
}
