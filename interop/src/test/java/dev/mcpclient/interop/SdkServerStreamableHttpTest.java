package dev.mcpclient.interop;

import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Peer;

/** The official Java SDK's server over Streamable HTTP: one server for the class, clients per test. */
@Against(Peer.JAVA_SDK_HTTP)
class SdkServerStreamableHttpTest extends SdkServerContract {
}
