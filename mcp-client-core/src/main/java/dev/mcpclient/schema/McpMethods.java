package dev.mcpclient.schema;

/**
 * The JSON-RPC method names of MCP requests and notifications.
 *
 * @since 0.2.0
 */
public final class McpMethods {

    /**
     * Client to server (2026-07-28): the server's supported versions, capabilities and identity,
     * answered with {@link DiscoverResult}.
     */
    public static final String SERVER_DISCOVER = "server/discover";
    /**
     * Client to server (2026-07-28): opens the long-lived stream of the change notifications the
     * client opts in to.
     */
    public static final String SUBSCRIPTIONS_LISTEN = "subscriptions/listen";
    /** Client to server: starts the session ({@link InitializeRequest}). */
    public static final String INITIALIZE = "initialize";
    /** Either direction: liveness check, answered with an {@link EmptyResult}. */
    public static final String PING = "ping";
    /** Client to server: {@link PaginatedRequest}, answered with {@link ListToolsResult}. */
    public static final String TOOLS_LIST = "tools/list";
    /** Client to server: {@link CallToolRequest}, answered with {@link CallToolResult}. */
    public static final String TOOLS_CALL = "tools/call";
    /** Client to server: {@link PaginatedRequest}, answered with {@link ListResourcesResult}. */
    public static final String RESOURCES_LIST = "resources/list";
    /** Client to server: {@link PaginatedRequest}, answered with {@link ListResourceTemplatesResult}. */
    public static final String RESOURCES_TEMPLATES_LIST = "resources/templates/list";
    /** Client to server: {@link ReadResourceRequest}, answered with {@link ReadResourceResult}. */
    public static final String RESOURCES_READ = "resources/read";
    /** Client to server: {@link SubscribeRequest}, answered with an {@link EmptyResult}. */
    public static final String RESOURCES_SUBSCRIBE = "resources/subscribe";
    /** Client to server: {@link UnsubscribeRequest}, answered with an {@link EmptyResult}. */
    public static final String RESOURCES_UNSUBSCRIBE = "resources/unsubscribe";
    /** Client to server: {@link PaginatedRequest}, answered with {@link ListPromptsResult}. */
    public static final String PROMPTS_LIST = "prompts/list";
    /** Client to server: {@link GetPromptRequest}, answered with {@link GetPromptResult}. */
    public static final String PROMPTS_GET = "prompts/get";
    /** Client to server: {@link CompleteRequest}, answered with {@link CompleteResult}. */
    public static final String COMPLETION_COMPLETE = "completion/complete";
    /** Client to server: {@link SetLevelRequest}, answered with an {@link EmptyResult}. */
    public static final String LOGGING_SET_LEVEL = "logging/setLevel";
    /** Server to client: {@link CreateMessageRequest}, answered with {@link CreateMessageResult}. */
    public static final String SAMPLING_CREATE_MESSAGE = "sampling/createMessage";
    /** Server to client: no params, answered with {@link ListRootsResult}. */
    public static final String ROOTS_LIST = "roots/list";
    /** Server to client: {@link ElicitRequest}, answered with {@link ElicitResult}. */
    public static final String ELICITATION_CREATE = "elicitation/create";

    /** Client to server, after the initialize response. */
    public static final String NOTIFICATION_INITIALIZED = "notifications/initialized";
    /** Either direction: {@link CancelledNotification}. */
    public static final String NOTIFICATION_CANCELLED = "notifications/cancelled";
    /** Either direction: {@link ProgressNotification}. */
    public static final String NOTIFICATION_PROGRESS = "notifications/progress";
    /** Server to client: {@link LoggingMessageNotification}. */
    public static final String NOTIFICATION_MESSAGE = "notifications/message";
    /** Server to client: {@link ResourceUpdatedNotification}. */
    public static final String NOTIFICATION_RESOURCES_UPDATED = "notifications/resources/updated";
    /** Server to client, no params. */
    public static final String NOTIFICATION_RESOURCES_LIST_CHANGED = "notifications/resources/list_changed";
    /** Server to client, no params. */
    public static final String NOTIFICATION_TOOLS_LIST_CHANGED = "notifications/tools/list_changed";
    /** Server to client, no params. */
    public static final String NOTIFICATION_PROMPTS_LIST_CHANGED = "notifications/prompts/list_changed";
    /** Client to server, no params. */
    public static final String NOTIFICATION_ROOTS_LIST_CHANGED = "notifications/roots/list_changed";
    /** Server to client (2026-07-28): the first message of a {@code subscriptions/listen} stream. */
    public static final String NOTIFICATION_SUBSCRIPTIONS_ACKNOWLEDGED = "notifications/subscriptions/acknowledged";
    /** Server to client: {@link ElicitationCompleteNotification}. */
    public static final String NOTIFICATION_ELICITATION_COMPLETE = "notifications/elicitation/complete";

    private McpMethods() {
    }
}
