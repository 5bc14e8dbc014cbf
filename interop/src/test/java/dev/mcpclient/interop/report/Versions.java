package dev.mcpclient.interop.report;

import dev.mcpclient.interop.support.ModernSdkServer;
import dev.mcpclient.interop.support.NpmPeers;
import dev.mcpclient.schema.McpJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The versions of the peers: npm packages as pinned in {@code package.json}, the Java SDK from the build. */
final class Versions {

    private Versions() {
    }

    static Map<String, String> all() {
        Map<String, String> versions = new LinkedHashMap<>();
        try {
            JsonNode dependencies = McpJson.mapper()
                    .readTree(Files.readString(NpmPeers.moduleDir().resolve("package.json"))).path("dependencies");
            for (Map.Entry<String, JsonNode> dependency : dependencies.properties()) {
                versions.put(dependency.getKey(), dependency.getValue().asString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        versions.put("io.modelcontextprotocol.sdk:mcp", System.getProperty("mcp.java.sdk.version", "unknown"));
        versions.put("io.modelcontextprotocol.sdk:mcp (modern)", ModernSdkServer.sdkVersionIfBuilt());
        return versions;
    }
}
