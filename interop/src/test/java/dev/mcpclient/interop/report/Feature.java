package dev.mcpclient.interop.report;

/**
 * A row of the interop table: one capability of the client, in the order the table shows them.
 */
public enum Feature {
    INITIALIZE("initialize (protocol version, server info, capabilities)"),
    PING("ping"),
    TOOLS_LIST("tools/list, every page"),
    TOOLS_LIST_CURSOR("tools/list with an explicit cursor"),
    TOOLS_CALL("tools/call"),
    TOOLS_CALL_ERROR("tools/call: the tool's own error (isError)"),
    CONTENT_TYPES("content: text, image, resource link, embedded resource, annotations"),
    PROGRESS("long-running tool with progress (CallOptions.progress)"),
    TIMEOUT("a call past its timeout fails; the session goes on"),
    STRUCTURED_CONTENT("structured content and the tool's outputSchema"),
    RESOURCES_LIST("resources/list"),
    RESOURCE_TEMPLATES_LIST("resources/templates/list"),
    RESOURCES_READ("resources/read"),
    RESOURCES_SUBSCRIBE("resources/subscribe, notifications/resources/updated, unsubscribe"),
    PROMPTS_LIST("prompts/list"),
    PROMPTS_GET("prompts/get"),
    COMPLETION("completion/complete"),
    LOGGING("logging/setLevel and notifications/message"),
    SAMPLING("sampling/createMessage (server to client)"),
    ELICITATION_FORM("elicitation/create, form mode"),
    ELICITATION_URL("elicitation/create, url mode"),
    ROOTS("roots/list (server to client)"),
    CONFORMANCE_INITIALIZE("conformance scenario initialize"),
    CONFORMANCE_TOOLS_CALL("conformance scenario tools_call"),
    CONFORMANCE_ELICITATION_DEFAULTS("conformance scenario elicitation-sep1034-client-defaults"),
    CONFORMANCE_SSE_RETRY("conformance scenario sse-retry");

    private final String label;

    Feature(String label) {
        this.label = label;
    }

    /** What the table's row says. */
    public String label() {
        return label;
    }
}
