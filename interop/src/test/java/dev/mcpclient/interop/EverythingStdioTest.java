package dev.mcpclient.interop;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Peer;
import dev.mcpclient.interop.support.EverythingServer;
import java.util.List;

/** server-everything over stdio: each client starts its own server process, and closing it ends that process. */
@Against(Peer.EVERYTHING_STDIO)
class EverythingStdioTest extends EverythingContract {

    @Override
    McpClientBuilder builder() {
        List<String> command = EverythingServer.stdioCommand();
        return McpClient.stdio(command.get(0), command.subList(1, command.size()).toArray(String[]::new));
    }
}
