package dev.mcpclient.interop;

import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Peer;

/** server-everything over Streamable HTTP: one server for the class, a new client (session) per test. */
@Against(Peer.EVERYTHING_HTTP)
class EverythingStreamableHttpTest extends EverythingContract {
}
