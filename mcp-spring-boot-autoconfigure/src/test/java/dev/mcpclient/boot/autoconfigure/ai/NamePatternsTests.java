package dev.mcpclient.boot.autoconfigure.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Names, globs and regular expressions as the filters and tool-context keys are configured. */
class NamePatternsTests {

    @Test
    void aNameMatchesOnlyItself() {
        NamePatterns patterns = NamePatterns.of(List.of("get.user"));
        assertThat(patterns.test("get.user")).isTrue();
        assertThat(patterns.test("getXuser")).isFalse(); // '.' is literal
        assertThat(patterns.test("get.user2")).isFalse();
    }

    @Test
    void globsMatchTheWholeName() {
        NamePatterns patterns = NamePatterns.of(List.of("search_*", "get?"));
        assertThat(patterns.test("search_issues")).isTrue();
        assertThat(patterns.test("search_")).isTrue();
        assertThat(patterns.test("my_search_issues")).isFalse();
        assertThat(patterns.test("getX")).isTrue();
        assertThat(patterns.test("getXY")).isFalse();
    }

    @Test
    void regexEntriesAreRegularExpressionsOverTheWholeName() {
        NamePatterns patterns = NamePatterns.of(List.of("regex:get_(user|team)"));
        assertThat(patterns.test("get_user")).isTrue();
        assertThat(patterns.test("get_team")).isTrue();
        assertThat(patterns.test("get_users")).isFalse();
    }

    @Test
    void anEmptyListMatchesNothing() {
        assertThat(NamePatterns.of(List.of()).isEmpty()).isTrue();
        assertThat(NamePatterns.of(null).test("x")).isFalse();
    }
}
