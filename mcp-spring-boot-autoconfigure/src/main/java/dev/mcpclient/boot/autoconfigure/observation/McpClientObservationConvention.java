package dev.mcpclient.boot.autoconfigure.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of MCP calls; define a bean of this type to replace the default.
 *
 * @since 0.2.0
 */
public interface McpClientObservationConvention extends ObservationConvention<McpClientObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof McpClientObservationContext;
    }
}
