package dev.mcpclient;

import dev.mcpclient.ToolHeaders.Declaration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Searches a tool's input schema for {@code x-mcp-header} annotations and checks each against the
 * rules of MCP 2026-07-28 (a valid name, unique regardless of case, on a string, integer or boolean
 * property reachable from the root through {@code properties} alone), stopping at the first invalid
 * one: the validation behind {@link ToolHeaders#of(JsonNode)}.
 */
final class ToolHeaderWalker {

    private static final String KEYWORD = "x-mcp-header";
    /** Keywords whose members map names (not keywords) to subschemas; {@code properties} aside. */
    private static final Set<String> NAMED_SCHEMAS = Set.of("patternProperties", "$defs", "definitions",
            "dependentSchemas", "dependencies");
    /** Keywords whose values are instances, not schemas. */
    private static final Set<String> INSTANCES = Set.of("const", "enum", "default", "examples");
    private static final Set<String> TYPES = Set.of("string", "integer", "boolean");
    private static final String TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";

    private final List<Declaration> found = new ArrayList<>();
    /** First declaration of each lower-cased name, described for the duplicate message. */
    private final Map<String, String> seen = new HashMap<>();
    /** The JSON pointer tokens of the node being searched. */
    private final List<String> location = new ArrayList<>();
    private String error;

    /**
     * @param reachable whether the chain from the root to {@code schema} is made of {@code properties}
     *     alone (then {@link #location} alternates {@code properties} and property names)
     */
    void schema(JsonNode schema, boolean reachable) {
        JsonNode annotation = schema.get(KEYWORD);
        if (annotation != null) {
            declare(schema, annotation, reachable);
        }
        for (Map.Entry<String, JsonNode> member : schema.properties()) {
            if (error != null) {
                return;
            }
            String key = member.getKey();
            JsonNode value = member.getValue();
            if (key.equals(KEYWORD) || INSTANCES.contains(key)) {
                continue;
            }
            location.add(key);
            if (key.equals("properties") && value.isObject()) {
                named(value, reachable);
            } else if (NAMED_SCHEMAS.contains(key) && value.isObject()) {
                named(value, false);
            } else {
                unreachable(value);
            }
            location.remove(location.size() - 1);
        }
    }

    /** The subschemas of a name-to-schema map; reachable when the map is a reachable {@code properties}. */
    private void named(JsonNode map, boolean reachable) {
        for (Map.Entry<String, JsonNode> member : map.properties()) {
            if (error != null) {
                return;
            }
            location.add(member.getKey());
            if (member.getValue().isObject()) {
                schema(member.getValue(), reachable);
            } else {
                unreachable(member.getValue());
            }
            location.remove(location.size() - 1);
        }
    }

    /** A value off the {@code properties} chain: any object in it is searched as a schema. */
    private void unreachable(JsonNode value) {
        if (value.isObject()) {
            schema(value, false);
        } else if (value.isArray()) {
            for (int i = 0; i < value.size() && error == null; i++) {
                location.add(Integer.toString(i));
                unreachable(value.get(i));
                location.remove(location.size() - 1);
            }
        }
    }

    private void declare(JsonNode schema, JsonNode annotation, boolean reachable) {
        String where = pointer();
        if (!reachable) {
            error = KEYWORD + " at " + where
                    + " is not on a property reached from the root through \"properties\" alone";
            return;
        }
        if (location.isEmpty()) {
            error = KEYWORD + " is on the schema root, not on a property";
            return;
        }
        if (!annotation.isString()) {
            error = KEYWORD + " at " + where + " is not a string but " + describe(annotation);
            return;
        }
        String name = annotation.stringValue();
        String problem = nameProblem(name);
        if (problem == null) {
            problem = typeProblem(schema.get("type"));
        }
        if (problem != null) {
            error = KEYWORD + " " + quote(name) + " at " + where + " " + problem;
            return;
        }
        String previous = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), quote(name) + " at " + where);
        if (previous != null) {
            error = KEYWORD + " " + quote(name) + " at " + where + " repeats " + previous
                    + " (header names are case-insensitive)";
            return;
        }
        found.add(new Declaration(name, propertyPath()));
    }

    private String pointer() {
        StringBuilder pointer = new StringBuilder();
        for (String token : location) {
            pointer.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return printable(pointer.toString());
    }

    /** The property names of a reachable location ({@code properties}, name, {@code properties}, name...). */
    private List<String> propertyPath() {
        List<String> path = new ArrayList<>(location.size() / 2);
        for (int i = 1; i < location.size(); i += 2) {
            path.add(location.get(i));
        }
        return List.copyOf(path);
    }

    /** What is wrong with a header name, or {@code null}. */
    private static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "is empty";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return "contains the control character " + codePoint(c);
            }
            if (!isTchar(c)) {
                return "contains " + (c > ' ' && c < 0x7F ? "'" + c + "'" : codePoint(c))
                        + ", which an HTTP field name (a token) does not allow";
            }
        }
        return null;
    }

    private static boolean isTchar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || TCHAR_SYMBOLS.indexOf(c) >= 0;
    }

    /** What is wrong with the {@code type} of an annotated property, or {@code null}. */
    private static String typeProblem(JsonNode type) {
        if (type == null) {
            return "is on a property without a \"type\"; only string, integer and boolean ones may be mirrored";
        }
        if (type.isString() && TYPES.contains(type.stringValue())) {
            return null;
        }
        if (type.isArray()) {
            int allowed = 0;
            int nulls = 0;
            for (JsonNode each : type) {
                if (each.isString() && TYPES.contains(each.stringValue())) {
                    allowed++;
                } else if (each.isString() && each.stringValue().equals("null")) {
                    nulls++;
                }
            }
            if (allowed == 1 && allowed + nulls == type.size()) {
                return null;
            }
        }
        return "is on a property of type " + printable(type.toString())
                + "; only string, integer and boolean ones may be mirrored";
    }

    private static String describe(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String quote(String text) {
        return '"' + printable(text.replace("\\", "\\\\").replace("\"", "\\\"")) + '"';
    }

    /** {@code text} with every character outside printable ASCII written as {@code \}{@code uXXXX}. */
    private static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean plain = c >= 0x20 && c < 0x7F;
            if (!plain && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (plain) {
                    out.append(c);
                } else {
                    out.append(String.format("\\u%04X", (int) c));
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }

    /** The valid annotations found. */
    List<Declaration> found() {
        return found;
    }

    /** Why the schema is invalid, or {@code null}. */
    String error() {
        return error;
    }
}
