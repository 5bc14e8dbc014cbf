package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.schema.Annotations;
import dev.mcpclient.schema.AudioContent;
import dev.mcpclient.schema.BlobResourceContents;
import dev.mcpclient.schema.CallToolRequest;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.CancelledNotification;
import dev.mcpclient.schema.ClientCapabilities;
import dev.mcpclient.schema.CompleteReference;
import dev.mcpclient.schema.CompleteRequest;
import dev.mcpclient.schema.CompleteResult;
import dev.mcpclient.schema.Content;
import dev.mcpclient.schema.CreateMessageRequest;
import dev.mcpclient.schema.CreateMessageResult;
import dev.mcpclient.schema.DiscoverResult;
import dev.mcpclient.schema.ElicitRequest;
import dev.mcpclient.schema.ElicitResult;
import dev.mcpclient.schema.ElicitationCompleteNotification;
import dev.mcpclient.schema.EmbeddedResource;
import dev.mcpclient.schema.EmptyResult;
import dev.mcpclient.schema.GetPromptRequest;
import dev.mcpclient.schema.GetPromptResult;
import dev.mcpclient.schema.Icon;
import dev.mcpclient.schema.ImageContent;
import dev.mcpclient.schema.Implementation;
import dev.mcpclient.schema.InitializeRequest;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.schema.ListPromptsResult;
import dev.mcpclient.schema.ListResourceTemplatesResult;
import dev.mcpclient.schema.ListResourcesResult;
import dev.mcpclient.schema.ListRootsResult;
import dev.mcpclient.schema.ListToolsResult;
import dev.mcpclient.schema.LoggingLevel;
import dev.mcpclient.schema.LoggingMessageNotification;
import dev.mcpclient.schema.ModelHint;
import dev.mcpclient.schema.ModelPreferences;
import dev.mcpclient.schema.PaginatedRequest;
import dev.mcpclient.schema.ProgressNotification;
import dev.mcpclient.schema.Prompt;
import dev.mcpclient.schema.PromptArgument;
import dev.mcpclient.schema.PromptMessage;
import dev.mcpclient.schema.PromptReference;
import dev.mcpclient.schema.ReadResourceRequest;
import dev.mcpclient.schema.ReadResourceResult;
import dev.mcpclient.schema.Resource;
import dev.mcpclient.schema.ResourceContents;
import dev.mcpclient.schema.ResourceLink;
import dev.mcpclient.schema.ResourceTemplate;
import dev.mcpclient.schema.ResourceTemplateReference;
import dev.mcpclient.schema.ResourceUpdatedNotification;
import dev.mcpclient.schema.Role;
import dev.mcpclient.schema.Root;
import dev.mcpclient.schema.SamplingContent;
import dev.mcpclient.schema.SamplingMessage;
import dev.mcpclient.schema.ServerCapabilities;
import dev.mcpclient.schema.SetLevelRequest;
import dev.mcpclient.schema.SubscribeRequest;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.schema.TextResourceContents;
import dev.mcpclient.schema.Tool;
import dev.mcpclient.schema.ToolAnnotations;
import dev.mcpclient.schema.ToolChoice;
import dev.mcpclient.schema.ToolExecution;
import dev.mcpclient.schema.ToolResultContent;
import dev.mcpclient.schema.ToolUseContent;
import dev.mcpclient.schema.UnknownContent;
import dev.mcpclient.schema.UnsubscribeRequest;
import java.util.List;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * What a GraalVM native image of an application with the starter needs to know ahead of time: the
 * protocol types of {@code dev.mcpclient.schema}, which Jackson reads and writes by reflection (their
 * record components, constructors, enum constants, the subtypes of the sealed interfaces and the
 * serializers their annotations name), and the per-server configuration properties, which are also
 * bound outside the {@code @ConfigurationProperties} bean. The JSON-RPC envelope is read and written
 * as a tree and needs nothing; neither the client nor the starter loads a resource or makes a proxy.
 */
final class McpClientRuntimeHints implements RuntimeHintsRegistrar {

    /**
     * Every type of {@code dev.mcpclient.schema} that is read or written as JSON, in the package's
     * alphabetical order; the types nested in them (capabilities, enums) are reached from these.
     * {@code McpClientRuntimeHintsTests} fails when a type of the package is missing.
     */
    static final List<Class<?>> PROTOCOL_TYPES = List.of(
            Annotations.class, AudioContent.class, BlobResourceContents.class, CallToolRequest.class,
            CallToolResult.class, CancelledNotification.class, ClientCapabilities.class, CompleteReference.class,
            CompleteRequest.class, CompleteResult.class, Content.class, CreateMessageRequest.class,
            CreateMessageResult.class, DiscoverResult.class, ElicitRequest.class, ElicitResult.class,
            ElicitationCompleteNotification.class, EmbeddedResource.class, EmptyResult.class, GetPromptRequest.class,
            GetPromptResult.class, Icon.class, ImageContent.class, Implementation.class, InitializeRequest.class,
            InitializeResult.class, ListPromptsResult.class, ListResourceTemplatesResult.class,
            ListResourcesResult.class, ListRootsResult.class, ListToolsResult.class, LoggingLevel.class,
            LoggingMessageNotification.class, ModelHint.class, ModelPreferences.class, PaginatedRequest.class,
            ProgressNotification.class, Prompt.class, PromptArgument.class, PromptMessage.class,
            PromptReference.class, ReadResourceRequest.class, ReadResourceResult.class, Resource.class,
            ResourceContents.class, ResourceLink.class, ResourceTemplate.class, ResourceTemplateReference.class,
            ResourceUpdatedNotification.class, Role.class, Root.class, SamplingContent.class,
            SamplingMessage.class, ServerCapabilities.class, SetLevelRequest.class, SubscribeRequest.class,
            TextContent.class, TextResourceContents.class, Tool.class, ToolAnnotations.class, ToolChoice.class,
            ToolExecution.class, ToolResultContent.class, ToolUseContent.class, UnknownContent.class,
            UnsubscribeRequest.class);

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(),
                PROTOCOL_TYPES.toArray(Class<?>[]::new));
        // McpServerBeanRegistrar and McpServerFactory bind mcp.client themselves, and applications make
        // McpServerProperties for McpClientRegistry.add.
        BindableRuntimeHintsRegistrar.forTypes(McpClientProperties.class, McpServerProperties.class)
                .registerHints(hints, classLoader);
    }
}
