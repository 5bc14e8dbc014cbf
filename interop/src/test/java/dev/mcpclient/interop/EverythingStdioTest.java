package dev.mcpclient.interop;

import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Peer;

/** server-everything over stdio: each client starts its own server process, and closing it ends that process. */
@Against(Peer.EVERYTHING_STDIO)
class EverythingStdioTest extends EverythingContract {
}
