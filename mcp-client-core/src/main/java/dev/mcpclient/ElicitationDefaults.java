package dev.mcpclient;

import dev.mcpclient.schema.ElicitResult;
import dev.mcpclient.schema.McpJson;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code form.applyDefaults}: fills the properties an accepted form left out with the {@code default}
 * values of the requested schema.
 */
final class ElicitationDefaults {

    private ElicitationDefaults() {
    }

    /** {@code result} with the schema's defaults added where its content lacks the property. */
    static ElicitResult apply(JsonNode requestedSchema, ElicitResult result) {
        if (result.action() != ElicitResult.Action.ACCEPT || requestedSchema == null
                || !requestedSchema.path("properties").isObject()) {
            return result;
        }
        Map<String, Object> content = result.content() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(result.content());
        boolean changed = false;
        for (Map.Entry<String, JsonNode> property : requestedSchema.path("properties").properties()) {
            JsonNode defaultValue = property.getValue().get("default");
            if (defaultValue != null && !defaultValue.isNull() && !content.containsKey(property.getKey())) {
                content.put(property.getKey(), McpJson.mapper().treeToValue(defaultValue, Object.class));
                changed = true;
            }
        }
        return changed || result.content() == null ? new ElicitResult(result.action(), content, result.meta()) : result;
    }
}
