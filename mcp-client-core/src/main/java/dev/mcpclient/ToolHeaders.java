package dev.mcpclient;

import dev.mcpclient.schema.Tool;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    private static final Map<String, String> EMPTY = Map.of();

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
        ToolHeaderWalker walker = new ToolHeaderWalker();
        walker.schema(inputSchema, true);
        if (walker.error() != null) {
            return new ToolHeaders(List.of(), walker.error());
        }
        return walker.found().isEmpty() ? NONE : new ToolHeaders(List.copyOf(walker.found()), null);
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
}
