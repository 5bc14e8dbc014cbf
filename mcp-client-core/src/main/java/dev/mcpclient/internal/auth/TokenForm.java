package dev.mcpclient.internal.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The form fields of a request to a token endpoint ({@code application/x-www-form-urlencoded}), in the
 * order they were added; immutable. Fields may hold credentials (assertions, tokens, secrets), so
 * {@link #toString()} shows the values of descriptive fields only ({@code grant_type}, {@code scope},
 * {@code resource}, the {@code *_type} fields...) and {@code ***} for every other value.
 */
public final class TokenForm {

    /** The fields whose values are never secret. */
    private static final Set<String> SHOWN = Set.of("grant_type", "scope", "resource", "audience", "client_id",
            "client_assertion_type", "subject_token_type", "actor_token_type", "requested_token_type", "redirect_uri");

    private static final TokenForm EMPTY = new TokenForm(Map.of());

    private final Map<String, String> fields;

    private TokenForm(Map<String, String> fields) {
        this.fields = fields;
    }

    /** A form without fields. */
    public static TokenForm empty() {
        return EMPTY;
    }

    /** A form of {@code fields}, in their iteration order; fields with a {@code null} value are left out. */
    public static TokenForm of(Map<String, String> fields) {
        return EMPTY.and(fields);
    }

    /**
     * This form with the field {@code name} set to {@code value} (added last, or replaced in place);
     * a {@code null} value leaves the form as it is.
     */
    public TokenForm with(String name, String value) {
        Objects.requireNonNull(name, "name");
        if (value == null) {
            return this;
        }
        Map<String, String> copy = new LinkedHashMap<>(fields);
        copy.put(name, value);
        return new TokenForm(Collections.unmodifiableMap(copy));
    }

    /** This form with every field of {@code more} set, as {@link #with} does one by one. */
    public TokenForm and(Map<String, String> more) {
        Map<String, String> copy = new LinkedHashMap<>(fields);
        more.forEach((name, value) -> {
            if (value != null) {
                copy.put(Objects.requireNonNull(name, "name"), value);
            }
        });
        return new TokenForm(Collections.unmodifiableMap(copy));
    }

    /** This form with every field of {@code more}. */
    public TokenForm and(TokenForm more) {
        return and(more.fields);
    }

    /** The value of the field {@code name}, or {@code null}. */
    public String get(String name) {
        return fields.get(name);
    }

    /** The fields, read-only, in order. */
    public Map<String, String> asMap() {
        return fields;
    }

    /** The fields as Spring's form data ({@code BodyInserters.fromFormData}). */
    public MultiValueMap<String, String> toMultiValueMap() {
        MultiValueMap<String, String> map = new LinkedMultiValueMap<>();
        fields.forEach(map::add);
        return map;
    }

    /** The {@code application/x-www-form-urlencoded} body (UTF-8). */
    public String encoded() {
        StringJoiner body = new StringJoiner("&");
        fields.forEach((name, value) -> body.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenForm other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        StringJoiner shown = new StringJoiner(", ", "TokenForm[", "]");
        fields.forEach((name, value) -> shown.add(name + "=" + (SHOWN.contains(name) ? value : "***")));
        return shown.toString();
    }
}
