package dev.mcpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpClient;
import dev.mcpclient.interop.report.Feature;
import dev.mcpclient.interop.report.Interop;
import dev.mcpclient.interop.report.InteropRecorder;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.schema.ListToolsResult;
import dev.mcpclient.schema.ProgressNotification;
import dev.mcpclient.schema.ProtocolVersions;
import dev.mcpclient.schema.Tool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What our client does with the official Java SDK's server ({@link dev.mcpclient.interop.support.SdkServer}),
 * whatever the transport: a subclass per transport supplies a connected client and names the column.
 */
@ExtendWith(InteropRecorder.class)
abstract class SdkServerContract {

    /** A client connected to a Java SDK server of this test's own. */
    abstract McpClient client();

    @Test
    @Interop(Feature.INITIALIZE)
    void initializeNegotiatesAVersionAndNamesTheServer() {
        InitializeResult init = client().initialize();

        assertThat(init.protocolVersion()).isIn(ProtocolVersions.SUPPORTED);
        assertThat(init.serverInfo().name()).isEqualTo("sdk-interop-server");
        assertThat(init.capabilities().tools()).isNotNull();
    }

    @Test
    @Interop(Feature.PING)
    void ping() {
        client().ping();
    }

    @Test
    @Interop(Feature.TOOLS_LIST)
    void listToolsGetsEveryTool() {
        ListToolsResult tools = client().listTools();

        assertThat(tools.tools()).extracting(Tool::name).containsExactlyInAnyOrder("echo", "add", "fail", "count", "weather");
        assertThat(tools.nextCursor()).isNull();
    }

    @Test
    @Interop(Feature.TOOLS_LIST_CURSOR)
    void listToolsWithoutACursorGetsTheFirstPage() {
        assertThat(client().listTools(null, CallOptions.defaults()).tools()).hasSize(5);
    }

    @Test
    @Interop(Feature.TOOLS_CALL)
    void callTool() {
        assertThat(EverythingContract.text(client().callTool("echo", Map.of("text", "hello sdk")))).isEqualTo("hello sdk");
        assertThat(EverythingContract.text(client().callTool("add", Map.of("a", 2, "b", 40)))).isEqualTo("42");
    }

    @Test
    @Interop(Feature.TOOLS_CALL_ERROR)
    void aToolsOwnErrorIsAResultNotAnException() {
        CallToolResult result = client().callTool("fail", Map.of());

        assertThat(result.isError()).isTrue();
        assertThat(EverythingContract.text(result)).isEqualTo("this tool always fails");
    }

    @Test
    @Interop(Feature.PROGRESS)
    void aToolReportsItsProgressToTheCall() throws InterruptedException {
        List<ProgressNotification> seen = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(3);

        CallToolResult result = client().callTool("count", Map.of("steps", 3),
                CallOptions.withTimeout(Duration.ofSeconds(10)).progress(p -> {
                    seen.add(p);
                    all.countDown();
                }));

        assertThat(EverythingContract.text(result)).isEqualTo("counted to 3");
        assertThat(all.await(5, TimeUnit.SECONDS)).as("3 progress notifications").isTrue();
        assertThat(seen).extracting(ProgressNotification::progress).containsExactly(1.0, 2.0, 3.0);
        assertThat(seen).extracting(ProgressNotification::message).containsExactly("step 1 of 3", "step 2 of 3", "step 3 of 3");
    }

    @Test
    @Interop(Feature.STRUCTURED_CONTENT)
    void structuredContentComesWithTheToolsOutputSchema() {
        Tool weather = client().listTools().tools().stream().filter(t -> t.name().equals("weather")).findFirst().orElseThrow();
        assertThat(weather.outputSchema().path("required").toString()).contains("temperature");

        CallToolResult result = client().callTool("weather", Map.of("city", "Lyon"));

        assertThat(result.structuredContent().path("city").asString()).isEqualTo("Lyon");
        assertThat(result.structuredContent().path("temperature").asDouble()).isEqualTo(21.5);
    }
}
