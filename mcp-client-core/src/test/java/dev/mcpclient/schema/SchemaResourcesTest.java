package dev.mcpclient.schema;

import static dev.mcpclient.schema.JsonAssertions.assertWritesJson;
import static dev.mcpclient.schema.JsonAssertions.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaResourcesTest {

    @Test
    void readsAResourceListPage() {
        ListResourcesResult page = read("""
                {
                  "resources": [
                    {
                      "uri": "file:///project/src/main.rs",
                      "name": "main.rs",
                      "title": "Rust Software Application Main File",
                      "description": "Primary application entry point",
                      "mimeType": "text/x-rust",
                      "icons": [{"src": "https://example.com/rust-file-icon.png", "mimeType": "image/png", "sizes": ["48x48"], "theme": "dark"}]
                    },
                    {
                      "uri": "file:///project/README.md",
                      "name": "README.md",
                      "annotations": {"audience": ["user"], "priority": 0.8, "lastModified": "2025-01-12T15:00:58Z"},
                      "size": 10240,
                      "_meta": {"etag": "abc"}
                    }
                  ],
                  "nextCursor": "next-page-cursor"
                }
                """, ListResourcesResult.class);

        assertThat(page.nextCursor()).isEqualTo("next-page-cursor");
        Resource main = page.resources().get(0);
        assertThat(main.uri()).isEqualTo("file:///project/src/main.rs");
        assertThat(main.name()).isEqualTo("main.rs");
        assertThat(main.title()).isEqualTo("Rust Software Application Main File");
        assertThat(main.description()).isEqualTo("Primary application entry point");
        assertThat(main.mimeType()).isEqualTo("text/x-rust");
        assertThat(main.size()).isNull();
        assertThat(main.icons().get(0).theme()).isEqualTo("dark");

        Resource readme = page.resources().get(1);
        assertThat(readme.annotations()).isEqualTo(
                new Annotations(List.of(Role.USER), 0.8, "2025-01-12T15:00:58Z"));
        assertThat(readme.size()).isEqualTo(10240L);
        assertThat(readme.meta()).containsEntry("etag", "abc");
        assertThat(readme.title()).isNull();
    }

    @Test
    void readsAResourceTemplateListPage() {
        ListResourceTemplatesResult page = read("""
                {
                  "resourceTemplates": [
                    {
                      "uriTemplate": "file:///{path}",
                      "name": "Project Files",
                      "title": "Project Files",
                      "description": "Access files in the project directory",
                      "mimeType": "application/octet-stream"
                    }
                  ]
                }
                """, ListResourceTemplatesResult.class);

        assertThat(page.nextCursor()).isNull();
        assertThat(page.resourceTemplates()).containsExactly(new ResourceTemplate(
                "file:///{path}", "Project Files", "Project Files", "Access files in the project directory",
                "application/octet-stream", null, null, null));
        assertThat(read("{}", ListResourceTemplatesResult.class).resourceTemplates()).isEmpty();
        assertThat(read("{}", ListResourcesResult.class).resources()).isEmpty();
    }

    @Test
    void readsTextAndBlobContents() {
        ReadResourceResult result = read("""
                {
                  "contents": [
                    {"uri": "file:///project/src/main.rs", "mimeType": "text/x-rust",
                     "text": "fn main() {\\n    println!(\\"Hello world!\\");\\n}"},
                    {"uri": "file:///project/logo.png", "mimeType": "image/png", "blob": "iVBORw0KGgoAAAANSUhEUg=="}
                  ]
                }
                """, ReadResourceResult.class);

        assertThat(result.contents()).containsExactly(
                new TextResourceContents("file:///project/src/main.rs", "text/x-rust",
                        "fn main() {\n    println!(\"Hello world!\");\n}"),
                new BlobResourceContents("file:///project/logo.png", "image/png", "iVBORw0KGgoAAAANSUhEUg=="));
    }

    @Test
    void writesTheUriRequests() {
        assertWritesJson(new ReadResourceRequest("file:///project/src/main.rs"), """
                {"uri": "file:///project/src/main.rs"}
                """);
        assertWritesJson(new SubscribeRequest("file:///project/src/main.rs"), """
                {"uri": "file:///project/src/main.rs"}
                """);
        assertWritesJson(new UnsubscribeRequest("file:///project/src/main.rs", Map.of("progressToken", "u")), """
                {"uri": "file:///project/src/main.rs", "_meta": {"progressToken": "u"}}
                """);
    }

    @Test
    void readsAResourceUpdate() {
        ResourceUpdatedNotification updated = read("""
                {"uri": "file:///project/src/main.rs", "title": "Rust Software Application Main File"}
                """, ResourceUpdatedNotification.class);

        assertThat(updated).isEqualTo(new ResourceUpdatedNotification("file:///project/src/main.rs"));
    }
}
