package dev.mcpclient.boot.autoconfigure.observation;

import dev.mcpclient.McpCallInterceptor.McpCall;
import io.micrometer.observation.Observation;

/**
 * What an observation of one MCP call knows: the server, the call, the protocol revision spoken, and
 * how it ended.
 *
 * @since 0.2.0
 */
public class McpClientObservationContext extends Observation.Context {

    /** How a call ended. */
    public enum Outcome {
        /** The call has not ended yet. */
        UNKNOWN,
        /** The server answered with a result. */
        SUCCESS,
        /** A tool ran and reported its own failure ({@code isError} in its result). */
        TOOL_ERROR,
        /** The server answered with a JSON-RPC error. */
        ERROR,
        /** No answer within the call's timeout. */
        TIMEOUT,
        /** The caller cancelled the call. */
        CANCELLED,
        /** The call failed on the client's side: transport, protocol, a closed client. */
        FAILURE
    }

    private final String server;
    private final McpCall call;
    private volatile Outcome outcome = Outcome.UNKNOWN;
    private volatile String protocolVersion;

    public McpClientObservationContext(String server, McpCall call) {
        this.server = server;
        this.call = call;
    }

    /** The server's name. */
    public String getServer() {
        return server;
    }

    /** The call: its method and target (a tool name). */
    public McpCall getCall() {
        return call;
    }

    /** How the call ended. */
    public Outcome getOutcome() {
        return outcome;
    }

    public void setOutcome(Outcome outcome) {
        this.outcome = outcome;
    }

    /**
     * The protocol revision the client speaks with the server (e.g. {@code 2026-07-28} or
     * {@code 2025-11-25}), or {@code null} while it is not known: before the client first connected, or
     * when it could not. Read as the call starts and again as it ends, so a call that connected the
     * client ends with the revision it found.
     */
    public String getProtocolVersion() {
        return protocolVersion;
    }

    public void setProtocolVersion(String protocolVersion) {
        this.protocolVersion = protocolVersion;
    }
}
