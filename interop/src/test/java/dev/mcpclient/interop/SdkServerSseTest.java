package dev.mcpclient.interop;

import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Peer;

/** The official Java SDK's server over the 2024-11-05 HTTP+SSE transport: one server for the class, clients per test. */
@Against(Peer.JAVA_SDK_SSE)
class SdkServerSseTest extends SdkServerContract {
}
