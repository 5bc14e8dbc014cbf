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
    LIST_CHANGED("notifications/resources/list_changed refreshes the cached resource list"),
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
    CONFORMANCE_SSE_RETRY("conformance scenario sse-retry"),
    CONFORMANCE_REQUEST_METADATA("conformance scenario request-metadata"),
    CONFORMANCE_MRTR_REQUEST_STATE("conformance scenario sep-2322-client-request-state"),
    CONFORMANCE_HTTP_STANDARD_HEADERS("conformance scenario http-standard-headers"),
    CONFORMANCE_HTTP_CUSTOM_HEADERS("conformance scenario http-custom-headers"),
    CONFORMANCE_HTTP_INVALID_TOOL_HEADERS("conformance scenario http-invalid-tool-headers"),
    CONFORMANCE_JSON_SCHEMA_REF_NO_DEREF("conformance scenario json-schema-ref-no-deref"),
    CONFORMANCE_JSON_SCHEMA_PRESERVATION("conformance scenario json-schema-2020-12-preservation"),
    CONFORMANCE_TOOLS_CALL_2026("conformance scenario tools_call@2026-07-28"),
    CONFORMANCE_JSON_SCHEMA_PRESERVATION_2026("conformance scenario json-schema-2020-12-preservation@2026-07-28");

    private final String label;

    Feature(String label) {
        this.label = label;
    }

    /** What the table's row says. */
    public String label() {
        return label;
    }
}
