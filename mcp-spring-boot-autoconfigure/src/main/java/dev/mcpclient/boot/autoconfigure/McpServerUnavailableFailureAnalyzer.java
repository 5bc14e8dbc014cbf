package dev.mcpclient.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a required MCP server that could not be connected at startup. */
class McpServerUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<McpServerUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, McpServerUnavailableException cause) {
        String property = McpClientProperties.PREFIX + ".servers." + cause.server();
        return new FailureAnalysis("The application could not start: " + cause.getMessage() + ".",
                "Start the MCP server or correct " + property + ".url. To start the application without it, set "
                        + property + ".required=false: it is then connected in the background as soon as it is up.",
                cause);
    }
}
