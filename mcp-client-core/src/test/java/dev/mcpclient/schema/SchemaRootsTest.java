package dev.mcpclient.schema;

import static dev.mcpclient.schema.JsonAssertions.assertWritesJson;
import static dev.mcpclient.schema.JsonAssertions.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaRootsTest {

    @Test
    void writesTheRootsList() {
        ListRootsResult result = new ListRootsResult(List.of(
                new Root("file:///home/user/projects/myproject", "My Project"),
                new Root("file:///home/user/repos/backend", null, Map.of("vcs", "git"))));

        assertWritesJson(result, """
                {"roots": [
                  {"uri": "file:///home/user/projects/myproject", "name": "My Project"},
                  {"uri": "file:///home/user/repos/backend", "_meta": {"vcs": "git"}}
                ]}
                """);
    }

    @Test
    void noRootsIsAnEmptyArray() {
        assertWritesJson(new ListRootsResult(null), """
                {"roots": []}
                """);
        assertThat(read("""
                {"roots": [{"uri": "file:///a", "name": "A"}]}
                """, ListRootsResult.class).roots()).containsExactly(new Root("file:///a", "A"));
    }
}
