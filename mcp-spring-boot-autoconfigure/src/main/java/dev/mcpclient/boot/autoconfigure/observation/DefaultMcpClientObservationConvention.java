package dev.mcpclient.boot.autoconfigure.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default naming of MCP call observations: {@value #NAME}, with the low-cardinality keys
 * {@code server}, {@code method}, {@code outcome} and {@value #PROTOCOL_VERSION} (the revision spoken,
 * {@value #UNKNOWN_PROTOCOL_VERSION} before it is known; named as in OpenTelemetry's semantic
 * conventions for MCP), and the tool's name as the high-cardinality key {@code tool}. The contextual
 * (span) name is the method and the tool, e.g. {@code tools/call get_forecast}.
 *
 * @since 0.2.0
 */
public class DefaultMcpClientObservationConvention implements McpClientObservationConvention {

    /** The observation's (and the timer's) name. */
    public static final String NAME = "mcp.client.requests";

    /** The key of the protocol revision spoken with the server. */
    public static final String PROTOCOL_VERSION = "mcp.protocol.version";

    /** The value of {@value #PROTOCOL_VERSION} while the revision is not known (the client never connected). */
    public static final String UNKNOWN_PROTOCOL_VERSION = "unknown";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(McpClientObservationContext context) {
        String target = context.getCall().target();
        return target == null ? context.getCall().method() : context.getCall().method() + " " + target;
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(McpClientObservationContext context) {
        return KeyValues.of(KeyValue.of("server", context.getServer()),
                KeyValue.of("method", context.getCall().method()),
                KeyValue.of("outcome", context.getOutcome().name()),
                KeyValue.of(PROTOCOL_VERSION, context.getProtocolVersion() == null ? UNKNOWN_PROTOCOL_VERSION
                        : context.getProtocolVersion()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(McpClientObservationContext context) {
        String target = context.getCall().target();
        return target == null ? KeyValues.empty() : KeyValues.of("tool", target);
    }
}
