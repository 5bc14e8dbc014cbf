package dev.mcpclient.internal.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 9110 section 11.6.1): its scheme and its
 * parameters ({@code error}, {@code error_description}, {@code scope}, {@code resource_metadata},
 * {@code algs}), parameter names in lower case.
 *
 * @param scheme the scheme as sent ({@code Bearer}, {@code DPoP})
 * @param params the parameters; a token68 value is kept under {@code ""}
 */
public record Challenge(String scheme, Map<String, String> params) {

    /** The parameter {@code name}, or {@code null}. */
    public String param(String name) {
        return params.get(name.toLowerCase(Locale.ROOT));
    }

    /** Whether the scheme is {@code scheme} (any case). */
    public boolean is(String scheme) {
        return this.scheme.equalsIgnoreCase(scheme);
    }

    /** The challenges of every value of {@code WWW-Authenticate}; what does not parse is skipped, never thrown. */
    public static List<Challenge> parseAll(List<String> headerValues) {
        List<Challenge> challenges = new ArrayList<>();
        for (String value : headerValues) {
            if (value != null) {
                new Parser(value).challenges(challenges);
            }
        }
        return challenges;
    }

    /** The first challenge with {@code scheme} among {@code challenges}, else the first one, else {@code null}. */
    public static Challenge preferred(List<Challenge> challenges, String scheme) {
        for (Challenge c : challenges) {
            if (c.is(scheme)) {
                return c;
            }
        }
        return challenges.isEmpty() ? null : challenges.get(0);
    }

    /** A short description for error messages: the scheme, {@code error} and {@code error_description}. */
    public String describe() {
        StringBuilder s = new StringBuilder(scheme);
        String error = param("error");
        if (error != null) {
            s.append(" error=").append(error);
        }
        String description = param("error_description");
        if (description != null) {
            s.append(" (").append(description).append(')');
        }
        return s.toString();
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        void challenges(List<Challenge> out) {
            while (true) {
                skip(" \t,");
                if (i >= s.length()) {
                    return;
                }
                String scheme = token();
                if (scheme.isEmpty()) {
                    i++; // not a token character: skip it
                    continue;
                }
                Map<String, String> params = new LinkedHashMap<>();
                while (true) {
                    skip(" \t,");
                    int mark = i;
                    String name = token();
                    skip(" \t");
                    if (name.isEmpty() || i >= s.length() || s.charAt(i) != '=') {
                        i = mark; // the next challenge's scheme (or the end)
                        break;
                    }
                    i++;
                    if (i < s.length() && s.charAt(i) == '=' || i >= s.length() || s.charAt(i) == ',') {
                        // a token68 ending in '=' (Basic abc==), not a parameter
                        while (i < s.length() && s.charAt(i) == '=') {
                            i++;
                        }
                        params.put("", s.substring(mark, i));
                        break;
                    }
                    skip(" \t");
                    String value = i < s.length() && s.charAt(i) == '"' ? quoted() : bare();
                    params.put(name.toLowerCase(Locale.ROOT), value);
                }
                out.add(new Challenge(scheme, Collections.unmodifiableMap(params)));
            }
        }

        private void skip(String chars) {
            while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private String token() {
            int start = i;
            while (i < s.length() && isTokenChar(s.charAt(i))) {
                i++;
            }
            return s.substring(start, i);
        }

        /** An unquoted value, read leniently up to a comma or a space (servers send unquoted URLs). */
        private String bare() {
            int start = i;
            while (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
                i++;
            }
            return s.substring(start, i);
        }

        private String quoted() {
            StringBuilder b = new StringBuilder();
            i++; // the opening quote
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '\\' && i < s.length()) {
                    b.append(s.charAt(i++));
                } else if (c == '"') {
                    break;
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }

        private static boolean isTokenChar(char c) {
            return c > 32 && c < 127 && "(),;:\\\"<>=?@[]{}".indexOf(c) < 0;
        }
    }
}
