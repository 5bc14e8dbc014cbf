package dev.mcpclient.schema;

import java.util.Map;

/**
 * The features a client declares in {@code initialize}; an absent (null) member means the feature
 * is not supported. Servers must ignore members they do not know.
 *
 * @param experimental non-standard capabilities, by name, or {@code null}
 * @param roots present if the client can list roots, or {@code null}
 * @param sampling present if the client can sample an LLM for the server, or {@code null}
 * @param elicitation present if the client can ask its user for information, or {@code null}
 * @param tasks task-augmented request support (2025-11-25), kept as raw JSON, or {@code null}
 * @since 0.2.0
 */
public record ClientCapabilities(
        Map<String, Object> experimental,
        RootsCapability roots,
        SamplingCapability sampling,
        ElicitationCapability elicitation,
        Map<String, Object> tasks) {

    /** A client that declares no optional feature. */
    public static ClientCapabilities none() {
        return new ClientCapabilities(null, null, null, null, null);
    }

    /**
     * Roots support.
     *
     * @param listChanged whether the client sends {@code notifications/roots/list_changed}, or {@code null}
     */
    public record RootsCapability(Boolean listChanged) {
    }

    /**
     * Sampling support; each member is an empty object when present.
     *
     * @param context present if the client honours {@code includeContext} other than {@code "none"}, or {@code null}
     * @param tools present if the client supports {@code tools} and {@code toolChoice} in sampling
     *     (2025-11-25), or {@code null}
     */
    public record SamplingCapability(Map<String, Object> context, Map<String, Object> tools) {

        /** Sampling with or without context inclusion and tool use. */
        public static SamplingCapability of(boolean context, boolean tools) {
            return new SamplingCapability(context ? Map.of() : null, tools ? Map.of() : null);
        }
    }

    /**
     * Elicitation support. An empty object (as sent under 2025-06-18) means form mode only.
     *
     * @param form present if the client supports form mode, or {@code null}
     * @param url present if the client supports URL mode (2025-11-25), as an empty object, or {@code null}
     */
    public record ElicitationCapability(FormCapability form, Map<String, Object> url) {

        /** Elicitation with the given modes. */
        public static ElicitationCapability of(boolean form, boolean url) {
            return new ElicitationCapability(form ? new FormCapability(null) : null, url ? Map.of() : null);
        }
    }

    /**
     * Form-mode elicitation support.
     *
     * @param applyDefaults whether the client fills in the schema's default values, or {@code null}
     */
    public record FormCapability(Boolean applyDefaults) {
    }
}
