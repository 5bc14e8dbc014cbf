package dev.mcpclient.boot.autoconfigure;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/** Reports an invalid {@code mcp.client} configuration: what is wrong, where it was set, and what to do. */
class McpClientConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<McpClientConfigurationException> {

    private final Environment environment;

    McpClientConfigurationFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, McpClientConfigurationException cause) {
        StringBuilder description = new StringBuilder("The MCP client configuration is invalid: ")
                .append(cause.getMessage()).append('.');
        for (String property : cause.properties()) {
            String origin = origin(property);
            if (origin != null) {
                description.append(System.lineSeparator()).append(System.lineSeparator())
                        .append("    Property: ").append(property).append(System.lineSeparator())
                        .append("    Origin: ").append(origin);
            }
        }
        return new FailureAnalysis(description.toString(), cause.action(), cause);
    }

    /** Where the property (or, for a server entry, its first property) was set, when known. */
    private String origin(String property) {
        if (environment == null || !ConfigurationPropertyName.isValid(property)) {
            return null;
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null && found.getOrigin() != null) {
                return found.getOrigin().toString();
            }
        }
        return null;
    }
}
