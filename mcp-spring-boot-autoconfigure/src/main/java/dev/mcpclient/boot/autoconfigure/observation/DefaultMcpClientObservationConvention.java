package dev.mcpclient.boot.autoconfigure.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default naming of MCP call observations: {@value #NAME}, with the low-cardinality keys
 * {@code server}, {@code method} and {@code outcome}, and the tool's name as the high-cardinality
 * key {@code tool}. The contextual (span) name is the method and the tool, e.g.
 * {@code tools/call get_forecast}.
 */
public class DefaultMcpClientObservationConvention implements McpClientObservationConvention {

    /** The observation's (and the timer's) name. */
    public static final String NAME = "mcp.client.requests";

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
                KeyValue.of("outcome", context.getOutcome().name()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(McpClientObservationContext context) {
        String target = context.getCall().target();
        return target == null ? KeyValues.empty() : KeyValues.of("tool", target);
    }
}
