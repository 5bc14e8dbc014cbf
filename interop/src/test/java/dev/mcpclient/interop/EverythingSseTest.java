package dev.mcpclient.interop;

import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Peer;

/** server-everything over the 2024-11-05 HTTP+SSE transport: one server for the class, a client per test. */
@Against(Peer.EVERYTHING_SSE)
class EverythingSseTest extends EverythingContract {
}
