package dev.mcpclient.schema;

import java.util.List;

/**
 * Describes an MCP implementation: {@code clientInfo} and {@code serverInfo} during initialization.
 *
 * @param name programmatic name
 * @param title human-readable display name, or {@code null}
 * @param version the implementation's version
 * @param description what the implementation does (2025-11-25), or {@code null}
 * @param websiteUrl the implementation's website (2025-11-25), or {@code null}
 * @param icons icons to display (2025-11-25), or {@code null}
 * @since 0.2.0
 */
public record Implementation(
        String name, String title, String version, String description, String websiteUrl, List<Icon> icons) {

    /** An implementation with a name and a version only. */
    public Implementation(String name, String version) {
        this(name, null, version, null, null, null);
    }
}
