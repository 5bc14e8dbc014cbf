package dev.mcpclient.boot.autoconfigure.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.boot.autoconfigure.ai.ToolNames.ServerTool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The names Spring AI sees: unique, model-safe, and stable from prompt to prompt. */
class ToolNamesTests {

    private static final String VALID = "^[a-zA-Z0-9_-]{1,64}$";

    private static List<ServerTool> tools(String... serverAndTool) {
        List<ServerTool> tools = new ArrayList<>();
        for (int i = 0; i < serverAndTool.length; i += 2) {
            tools.add(new ServerTool(serverAndTool[i], serverAndTool[i + 1]));
        }
        return tools;
    }

    @Test
    void aToolOfOneServerKeepsItsOwnName() {
        assertThat(ToolNames.assign(tools("weather", "forecast", "calendar", "next_meeting"),
                McpToolNamePrefix.WHEN_NEEDED)).containsExactly("forecast", "next_meeting");
    }

    @Test
    void whenNeededPrefixesOnlyTheToolsTwoServersOffer() {
        assertThat(ToolNames.assign(tools("a", "echo", "a", "add", "b", "echo"), McpToolNamePrefix.WHEN_NEEDED))
                .containsExactly("a_echo", "add", "b_echo");
    }

    @Test
    void alwaysPrefixesEveryTool() {
        assertThat(ToolNames.assign(tools("a", "echo", "b", "add"), McpToolNamePrefix.ALWAYS))
                .containsExactly("a_echo", "b_add");
    }

    @Test
    void neverLeavesOutALaterServersNamesake() {
        assertThat(ToolNames.assign(tools("a", "echo", "b", "echo", "b", "add"), McpToolNamePrefix.NEVER))
                .containsExactly("echo", null, "add");
    }

    @Test
    void aToolListedTwiceByOneServerIsOfferedOnce() {
        assertThat(ToolNames.assign(tools("a", "echo", "a", "echo"), McpToolNamePrefix.WHEN_NEEDED))
                .containsExactly("echo", null);
    }

    @Test
    void charactersModelsRefuseBecomeUnderscores() {
        assertThat(ToolNames.assign(tools("a", "files.read", "a", "héllo wörld", "a", "x/y:z"), McpToolNamePrefix.NEVER))
                .containsExactly("files_read", "h_llo_w_rld", "x_y_z");
        assertThat(ToolNames.sanitize("")).isEqualTo("tool");
    }

    @Test
    void namesThatClashAfterSanitisingEndWithAHashOfTheirOwn() {
        List<String> names = ToolNames.assign(tools("a", "get.user", "a", "get_user", "a", "other"),
                McpToolNamePrefix.WHEN_NEEDED);

        assertThat(names.get(0)).matches("get_user_[0-9a-f]{8}");
        assertThat(names.get(1)).matches("get_user_[0-9a-f]{8}").isNotEqualTo(names.get(0));
        assertThat(names.get(2)).isEqualTo("other");
    }

    @Test
    void aPrefixedNameMeetingAToolsOwnNameIsHashed() {
        // WHEN_NEEDED prefixes b's echo as "b_echo", which is also the name c gives a tool of its own.
        List<String> names = ToolNames.assign(tools("a", "echo", "b", "echo", "c", "b_echo"), McpToolNamePrefix.WHEN_NEEDED);

        assertThat(names.get(0)).isEqualTo("a_echo");
        assertThat(names.get(1)).matches("b_echo_[0-9a-f]{8}");
        assertThat(names.get(2)).matches("b_echo_[0-9a-f]{8}").isNotEqualTo(names.get(1));
    }

    @Test
    void longNamesAreCutToSixtyFourCharactersAndStayDistinct() {
        String common = "x".repeat(70);
        List<String> names = ToolNames.assign(tools("server", common + "1", "server", common + "2"), McpToolNamePrefix.ALWAYS);

        assertThat(names).allSatisfy(name -> assertThat(name).matches(VALID).hasSize(64)
                .startsWith("server_xxx"));
        assertThat(names.get(0)).isNotEqualTo(names.get(1));
    }

    @Test
    void namesAreStableAcrossCallsAndOrder() {
        List<ServerTool> tools = tools("a", "get.user", "a", "get_user", "b", "y".repeat(80));
        List<String> first = ToolNames.assign(tools, McpToolNamePrefix.WHEN_NEEDED);
        List<ServerTool> reversed = new ArrayList<>(tools);
        java.util.Collections.reverse(reversed);
        List<String> again = new ArrayList<>(ToolNames.assign(reversed, McpToolNamePrefix.WHEN_NEEDED));
        java.util.Collections.reverse(again);

        assertThat(again).isEqualTo(first);
        assertThat(ToolNames.assign(tools, McpToolNamePrefix.WHEN_NEEDED)).isEqualTo(first);
    }

    @Test
    void everyNameIsValidAndUniqueWhateverTheServersSend() {
        List<ServerTool> tools = new ArrayList<>();
        String[] odd = { "", "a", "a.", "a_", ".a", "a-", "ä", "a b", "a" + "z".repeat(100), "a" + "z".repeat(100) + "!",
                "emoji🙂", "a_b", "a.b" };
        for (String server : new String[] { "s1", "s-2", "s.3", "a" }) {
            for (String tool : odd) {
                tools.add(new ServerTool(server, tool));
            }
        }
        for (McpToolNamePrefix prefix : McpToolNamePrefix.values()) {
            List<String> names = ToolNames.assign(tools, prefix).stream().filter(Objects::nonNull).toList();
            assertThat(names).allSatisfy(name -> assertThat(name).matches(VALID));
            assertThat(new HashSet<>(names)).hasSameSizeAs(names);
            assertThat(names).hasSize(prefix == McpToolNamePrefix.NEVER ? odd.length : tools.size());
        }
    }
}
