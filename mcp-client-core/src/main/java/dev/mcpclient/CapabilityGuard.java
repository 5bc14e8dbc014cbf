package dev.mcpclient;

import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.schema.McpMethods;
import dev.mcpclient.schema.ServerCapabilities;
import java.util.function.Supplier;

/**
 * Refuses a call whose server capability the server did not declare in its {@code initialize}
 * result, before anything is sent. Methods that need no capability ({@code ping}, and methods this
 * client does not know) always pass.
 */
final class CapabilityGuard {

    private final Supplier<InitializeResult> initializeResult;
    private final Supplier<String> serverName;

    CapabilityGuard(Supplier<InitializeResult> initializeResult, Supplier<String> serverName) {
        this.initializeResult = initializeResult;
        this.serverName = serverName;
    }

    /** The check of {@code method}, to run once the session is ready; {@code null} when it needs none. */
    Runnable forMethod(String method) {
        String capability = requiredCapability(method);
        if (capability == null) {
            return null;
        }
        return () -> {
            InitializeResult result = initializeResult.get();
            ServerCapabilities declared = result == null ? null : result.capabilities();
            if (!declares(declared, capability)) {
                throw new McpCapabilityException(method, capability, serverName.get());
            }
        };
    }

    /** The capability {@code method} needs, as the specification names it, or {@code null}. */
    static String requiredCapability(String method) {
        switch (method) {
            case McpMethods.TOOLS_LIST:
            case McpMethods.TOOLS_CALL:
                return "tools";
            case McpMethods.RESOURCES_LIST:
            case McpMethods.RESOURCES_TEMPLATES_LIST:
            case McpMethods.RESOURCES_READ:
                return "resources";
            case McpMethods.RESOURCES_SUBSCRIBE:
            case McpMethods.RESOURCES_UNSUBSCRIBE:
                return "resources.subscribe";
            case McpMethods.PROMPTS_LIST:
            case McpMethods.PROMPTS_GET:
                return "prompts";
            case McpMethods.COMPLETION_COMPLETE:
                return "completions";
            case McpMethods.LOGGING_SET_LEVEL:
                return "logging";
            default:
                return null;
        }
    }

    private static boolean declares(ServerCapabilities declared, String capability) {
        if (declared == null) {
            return false;
        }
        switch (capability) {
            case "tools":
                return declared.tools() != null;
            case "resources":
                return declared.resources() != null;
            case "resources.subscribe":
                return declared.resources() != null && Boolean.TRUE.equals(declared.resources().subscribe());
            case "prompts":
                return declared.prompts() != null;
            case "completions":
                return declared.completions() != null;
            case "logging":
                return declared.logging() != null;
            default:
                return true;
        }
    }
}
