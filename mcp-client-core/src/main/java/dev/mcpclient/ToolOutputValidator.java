package dev.mcpclient;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.Tool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks a tool's {@code structuredContent} against the {@code outputSchema} the tool declared, with
 * networknt's json-schema-validator (JSON Schema 2020-12 unless the schema names another dialect in
 * {@code $schema}). It reads Jackson 3 trees directly. Remote references are never fetched: a schema
 * whose {@code $ref} points outside itself fails to compile, which is reported as a mismatch.
 */
final class ToolOutputValidator {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));

    /** Compiled schemas by tool name, each with the schema tree it was compiled from. */
    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

    /**
     * @return {@code result} when it conforms (or the tool declares no output schema, or the result
     *     is an error)
     * @throws McpOutputSchemaException when it does not
     */
    CallToolResult check(Tool tool, CallToolResult result) {
        if (tool == null || tool.outputSchema() == null || result.isError()) {
            return result;
        }
        if (result.structuredContent() == null) {
            throw new McpOutputSchemaException(tool.name(),
                    List.of("the tool declares an outputSchema but the result has no structuredContent"), result);
        }
        List<String> messages;
        try {
            List<Error> errors = schemaOf(tool).validate(result.structuredContent());
            messages = errors.stream().map(ToolOutputValidator::describe).collect(Collectors.toList());
        } catch (RuntimeException e) {
            messages = List.of("the outputSchema could not be used: " + e.getMessage());
        }
        if (!messages.isEmpty()) {
            throw new McpOutputSchemaException(tool.name(), messages, result);
        }
        return result;
    }

    private Schema schemaOf(Tool tool) {
        Compiled current = compiled.get(tool.name());
        if (current != null && current.source == tool.outputSchema()) {
            return current.schema;
        }
        Schema schema = REGISTRY.getSchema(tool.outputSchema());
        compiled.put(tool.name(), new Compiled(tool.outputSchema(), schema));
        return schema;
    }

    /** The message, after the JSON pointer of the offending value unless it is the whole content. */
    private static String describe(Error error) {
        String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        return location.isEmpty() ? error.getMessage() : location + ": " + error.getMessage();
    }

    private record Compiled(Object source, Schema schema) {
    }
}
