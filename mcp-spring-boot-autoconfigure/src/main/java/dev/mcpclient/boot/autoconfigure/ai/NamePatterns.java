package dev.mcpclient.boot.autoconfigure.ai;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A list of names as configured: each entry a name, a glob ({@code *} any run of characters,
 * {@code ?} one character) or a Java regular expression after {@code regex:}, all matched against
 * the whole name.
 */
final class NamePatterns implements Predicate<String> {

    static final String REGEX = "regex:";

    private final List<Pattern> patterns;

    private NamePatterns(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    /** The patterns of these entries ({@code null} or empty: a list that matches nothing). */
    static NamePatterns of(List<String> entries) {
        return new NamePatterns(entries == null ? List.of() : entries.stream().map(NamePatterns::compile).toList());
    }

    /** Whether the list has no entry. */
    boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** Whether {@code name} matches an entry. */
    @Override
    public boolean test(String name) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern compile(String entry) {
        if (entry.startsWith(REGEX)) {
            return Pattern.compile(entry.substring(REGEX.length()));
        }
        StringBuilder regex = new StringBuilder();
        int literalStart = 0;
        for (int i = 0; i < entry.length(); i++) {
            char c = entry.charAt(i);
            if (c == '*' || c == '?') {
                regex.append(quote(entry.substring(literalStart, i))).append(c == '*' ? ".*" : ".");
                literalStart = i + 1;
            }
        }
        regex.append(quote(entry.substring(literalStart)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static String quote(String literal) {
        return literal.isEmpty() ? "" : Pattern.quote(literal);
    }

    @Override
    public String toString() {
        return patterns.toString();
    }
}
