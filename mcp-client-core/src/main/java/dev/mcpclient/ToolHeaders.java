package dev.mcpclient;

import dev.mcpclient.schema.Tool;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;

/**
 * The parameters a tool's {@code inputSchema} mirrors into HTTP headers with {@code x-mcp-header}
 * annotations (Streamable HTTP, 2026-07-28): which ones, and whether the annotations are valid at all.
 *
 * <p>An annotation is valid when its value is a non-empty string that is an HTTP token (RFC 9110
 * {@code 1*tchar}, so no control characters, spaces, colons or non-ASCII), case-insensitively unique in
 * the schema, on a property whose {@code type} is {@code string}, {@code integer} or {@code boolean}, and
 * that property is reached from the root through {@code properties} alone. One invalid annotation makes
 * the whole tool invalid: the client leaves it out of {@code tools/list} ({@link #dropInvalid}).
 *
 * <p>Where the specification leaves room, this class decides:
 * <ul>
 *   <li>a property without {@code type} is invalid (nothing says its values are primitive); a type
 *       array of one allowed type and {@code "null"} ({@code ["string", "null"]}) is valid, a null value
 *       being omitted like an absent one; any other type array is invalid;
 *   <li>an annotation on the schema root is invalid (the root is not a property);
 *   <li>the whole tree is searched for annotations: every member is taken for a subschema except the
 *       values of {@code const}, {@code enum}, {@code default} and {@code examples} (instances), and the
 *       member names of {@code properties}, {@code patternProperties}, {@code $defs},
 *       {@code definitions}, {@code dependentSchemas} and {@code dependencies} (names, so a property
 *       named {@code x-mcp-header} is no annotation). Unknown keywords are searched as well.
 * </ul>
 *
 * <p>Values ({@link #values}) follow the argument as sent, not the declared type, so the header always
 * agrees with the body the server compares it to: a string as it is, a boolean as {@code true} or
 * {@code false}, an integral number (also {@code 42.0}) within ±(2<sup>53</sup>−1) in decimal. Anything
 * else (absent, {@code null}, an object, an array, a fraction, an integer beyond that range) is omitted.
 * Values are not encoded here; the transport encodes them for the header.
 */
final class ToolHeaders {

    /** A schema without annotations: valid, and {@link #values} returns an empty map without allocating. */
    static final ToolHeaders NONE = new ToolHeaders(List.of(), null);

    private static final String KEYWORD = "x-mcp-header";
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    private static final Map<String, String> EMPTY = Map.of();
    /** Keywords whose members map names (not keywords) to subschemas; {@code properties} aside. */
    private static final Set<String> NAMED_SCHEMAS = Set.of("patternProperties", "$defs", "definitions",
            "dependentSchemas", "dependencies");
    /** Keywords whose values are instances, not schemas. */
    private static final Set<String> INSTANCES = Set.of("const", "enum", "default", "examples");
    private static final Set<String> TYPES = Set.of("string", "integer", "boolean");
    private static final String TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";

    private final List<Declaration> declarations;
    private final String invalidReason;

    private ToolHeaders(List<Declaration> declarations, String invalidReason) {
        this.declarations = declarations;
        this.invalidReason = invalidReason;
    }

    /**
     * One valid annotation.
     *
     * @param name the header name after {@code Mcp-Param-}, as the annotation spells it
     * @param path the property names from the root of the arguments to the value
     */
    record Declaration(String name, List<String> path) {
    }

    /** The annotations of {@code tool}'s input schema ({@link #NONE} when it has no schema). */
    static ToolHeaders of(Tool tool) {
        return of(tool.inputSchema());
    }

    /**
     * The annotations of an input schema.
     *
     * @param inputSchema the schema, or {@code null}
     * @return {@link #NONE} when the schema has no annotation (or is no object); an invalid instance
     *     ({@link #valid()} false) when one annotation breaks a rule; else the annotations
     */
    static ToolHeaders of(JsonNode inputSchema) {
        if (inputSchema == null || !inputSchema.isObject()) {
            return NONE;
        }
        Walker walker = new Walker();
        walker.schema(inputSchema, true);
        if (walker.error != null) {
            return new ToolHeaders(List.of(), walker.error);
        }
        return walker.found.isEmpty() ? NONE : new ToolHeaders(List.copyOf(walker.found), null);
    }

    /**
     * {@code tools} without the ones whose annotations are invalid, in the same order.
     *
     * @param onInvalid told of each tool left out, with the reason
     * @return {@code tools} itself when none is left out
     */
    static List<Tool> dropInvalid(List<Tool> tools, BiConsumer<Tool, String> onInvalid) {
        List<Tool> kept = null;
        for (int i = 0; i < tools.size(); i++) {
            Tool tool = tools.get(i);
            String reason = tool == null ? null : of(tool).invalidReason();
            if (reason != null) {
                if (kept == null) {
                    kept = new ArrayList<>(tools.subList(0, i));
                }
                onInvalid.accept(tool, reason);
            } else if (kept != null) {
                kept.add(tool);
            }
        }
        return kept == null ? tools : Collections.unmodifiableList(kept);
    }

    /** Whether every annotation is valid (true when there is none). */
    boolean valid() {
        return invalidReason == null;
    }

    /** Why the annotations are invalid (the first broken rule, with the JSON pointer), or {@code null}. */
    String invalidReason() {
        return invalidReason;
    }

    /** The valid annotations, in schema order; empty when there is none or they are invalid. */
    List<Declaration> declarations() {
        return declarations;
    }

    /**
     * The header values of a call, by header name (without {@code Mcp-Param-}), in schema order: only the
     * annotated parameters the arguments hold a value for (see the class comment for the conversion).
     * Invalid annotations give no values.
     *
     * @param arguments the call's arguments, or {@code null}
     * @return an unmodifiable map; the same empty instance when there is nothing to send
     */
    Map<String, String> values(JsonNode arguments) {
        if (declarations.isEmpty() || arguments == null) {
            return EMPTY;
        }
        Map<String, String> values = null;
        for (Declaration declaration : declarations) {
            String text = text(at(arguments, declaration.path()));
            if (text != null) {
                if (values == null) {
                    values = new LinkedHashMap<>();
                }
                values.put(declaration.name(), text);
            }
        }
        return values == null ? EMPTY : Collections.unmodifiableMap(values);
    }

    private static JsonNode at(JsonNode arguments, List<String> path) {
        JsonNode node = arguments;
        for (String name : path) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(name);
        }
        return node;
    }

    /** The header text of an argument value, or {@code null} when it has none. */
    private static String text(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? safeInteger(value.longValue()) : null;
        }
        if (value.isBigDecimal()) {
            BigDecimal decimal = value.decimalValue();
            try {
                return safeInteger(decimal.longValueExact());
            } catch (ArithmeticException fractionOrTooLarge) {
                return null;
            }
        }
        if (value.isNumber()) {
            double number = value.doubleValue();
            return number == Math.rint(number) && Math.abs(number) <= MAX_SAFE_INTEGER
                    ? Long.toString((long) number) : null;
        }
        return null;
    }

    private static String safeInteger(long value) {
        return value >= -MAX_SAFE_INTEGER && value <= MAX_SAFE_INTEGER ? Long.toString(value) : null;
    }

    /** Searches a schema tree for annotations, stopping at the first invalid one. */
    private static final class Walker {

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
}
