package dev.mcpclient.interop.report;

/**
 * A row of the interop table: one capability of the client, in the order the table shows them.
 */
public enum Feature {
    INITIALIZE("connect: initialize, or server/discover in the modern era (protocol version, server info, "
            + "capabilities, the era)"),
    ERA_ON_THE_WIRE("on the wire, each client starts in its era: modern: server/discover, never initialize (a second "
            + "client too); legacy, auto: one server/discover probe per endpoint, then initialize; legacy, pinned: "
            + "initialize only"),
    PING("ping (modern: server/discover)"),
    CLIENT_INFO("the server sees the client's name and capabilities (initialize; modern: every request's _meta)"),
    TOOLS_LIST("tools/list, every page"),
    TOOLS_LIST_CURSOR("tools/list with an explicit cursor"),
    TOOLS_CALL("tools/call"),
    TOOLS_CALL_ERROR("tools/call: the tool's own error (isError)"),
    X_MCP_HEADER("a tool argument marked x-mcp-header, the tools listed first (modern: mirrored in Mcp-Param-*, seen "
            + "on the wire; legacy: in the body only)"),
    X_MCP_HEADER_UNLISTED("x-mcp-header on a call of a tool the client has not listed (modern: the server's -32020 "
            + "refusal makes the client list the tools and call again with the header)"),
    CONTENT_TYPES("content: text, image, resource link, embedded resource, annotations"),
    PROGRESS("long-running tool with progress (CallOptions.progress)"),
    TIMEOUT("a call past its timeout fails; the session goes on"),
    CANCELLATION("a call past its timeout is cancelled at the server (legacy: notifications/cancelled; modern: its "
            + "stream closed)"),
    STRUCTURED_CONTENT("structured content and the tool's outputSchema"),
    TOOLS_LIST_CHANGED("notifications/tools/list_changed (modern: on subscriptions/listen) reaches onToolsListChanged "
            + "with the new list"),
    LIST_CHANGED("notifications/resources/list_changed refreshes the cached resource list"),
    RESOURCES_LIST("resources/list"),
    RESOURCE_TEMPLATES_LIST("resources/templates/list"),
    RESOURCES_READ("resources/read"),
    RESOURCES_SUBSCRIBE("resources/subscribe (modern: the subscriptions/listen filter), "
            + "notifications/resources/updated, unsubscribe"),
    PROMPTS_LIST("prompts/list"),
    PROMPTS_GET("prompts/get"),
    COMPLETION("completion/complete"),
    LOGGING("the log level (logging/setLevel; modern: in every request's _meta) and notifications/message"),
    SAMPLING("sampling through the client's handler (legacy: sampling/createMessage; modern: an input request)"),
    ELICITATION_FORM("elicitation, form mode, through the client's handler (legacy: elicitation/create; modern: an "
            + "input request)"),
    ELICITATION_URL("elicitation/create, url mode"),
    ROOTS("roots through the client's provider (legacy: roots/list; modern: an input request)"),
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
    CONFORMANCE_JSON_SCHEMA_PRESERVATION_2026("conformance scenario json-schema-2020-12-preservation@2026-07-28"),
    CONFORMANCE_AUTH("conformance scenario --auth (33 scenarios, 50 runs)");

    private final String label;

    Feature(String label) {
        this.label = label;
    }

    /** What the table's row says. */
    public String label() {
        return label;
    }
}
