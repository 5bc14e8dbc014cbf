package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The params of {@code elicitation/create}: the server asks for information from the user, either
 * through a form built from {@code requestedSchema} (form mode, 2025-06-18) or by sending the user
 * to {@code url} (URL mode, 2025-11-25).
 *
 * @param mode {@code "form"}, {@code "url"}, or {@code null} (form mode, as before 2025-11-25)
 * @param message what is requested and why, for the user
 * @param requestedSchema form mode: a flat JSON object schema of primitive properties; otherwise {@code null}
 * @param url URL mode: the URL the user should navigate to; otherwise {@code null}
 * @param elicitationId URL mode: the opaque id of this elicitation; otherwise {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record ElicitRequest(
        String mode,
        String message,
        JsonNode requestedSchema,
        String url,
        String elicitationId,
        @JsonProperty("_meta") Map<String, Object> meta) {

    /** The {@code mode} of a form elicitation. */
    public static final String MODE_FORM = "form";
    /** The {@code mode} of a URL elicitation. */
    public static final String MODE_URL = "url";

    public ElicitRequest {
        requestedSchema = SchemaSupport.nullIfJsonNull(requestedSchema);
    }

    /** A form-mode request (written without {@code mode}, as every revision accepts). */
    public static ElicitRequest formMode(String message, JsonNode requestedSchema) {
        return new ElicitRequest(null, message, requestedSchema, null, null, null);
    }

    /** A URL-mode request. */
    public static ElicitRequest urlMode(String message, String url, String elicitationId) {
        return new ElicitRequest(MODE_URL, message, null, url, elicitationId, null);
    }

    /** Whether this is a URL-mode request; anything else is form mode. */
    @JsonIgnore
    public boolean isUrlMode() {
        return MODE_URL.equals(mode);
    }
}
