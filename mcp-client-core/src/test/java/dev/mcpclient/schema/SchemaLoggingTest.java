package dev.mcpclient.schema;

import static dev.mcpclient.schema.JsonAssertions.assertWritesJson;
import static dev.mcpclient.schema.JsonAssertions.read;
import static dev.mcpclient.schema.JsonAssertions.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class SchemaLoggingTest {

    @Test
    void writesSetLevel() {
        assertWritesJson(new SetLevelRequest(LoggingLevel.INFO), """
                {"level": "info"}
                """);
    }

    @Test
    void levelsAreTheEightSyslogSeveritiesInLowercase() {
        assertThat(Arrays.stream(LoggingLevel.values()).map(JsonAssertions::write)).containsExactly(
                "\"debug\"", "\"info\"", "\"notice\"", "\"warning\"", "\"error\"", "\"critical\"", "\"alert\"",
                "\"emergency\"");
        for (LoggingLevel level : LoggingLevel.values()) {
            assertThat(read(write(level), LoggingLevel.class)).isSameAs(level);
        }
        assertThat(LoggingLevel.WARNING.isAtLeast(LoggingLevel.INFO)).isTrue();
        assertThat(LoggingLevel.WARNING.isAtLeast(LoggingLevel.WARNING)).isTrue();
        assertThat(LoggingLevel.INFO.isAtLeast(LoggingLevel.WARNING)).isFalse();
        assertThatThrownBy(() -> read("\"verbose\"", LoggingLevel.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> read("\"INFO\"", LoggingLevel.class)).isInstanceOf(JacksonException.class);
    }

    @Test
    void readsALogMessageWithObjectData() {
        LoggingMessageNotification message = read("""
                {"level": "error", "logger": "database",
                 "data": {"error": "Connection failed", "details": {"host": "localhost", "port": 5432}}}
                """, LoggingMessageNotification.class);

        assertThat(message.level()).isEqualTo(LoggingLevel.ERROR);
        assertThat(message.logger()).isEqualTo("database");
        assertThat(message.data().get("error").asString()).isEqualTo("Connection failed");
        assertThat(message.data().get("details").get("port").asInt()).isEqualTo(5432);
    }

    @Test
    void readsALogMessageWithStringData() {
        LoggingMessageNotification message = read("""
                {"level": "warning", "data": "disk almost full"}
                """, LoggingMessageNotification.class);

        assertThat(message.level()).isEqualTo(LoggingLevel.WARNING);
        assertThat(message.logger()).isNull();
        assertThat(message.data().isString()).isTrue();
        assertThat(message.data().asString()).isEqualTo("disk almost full");
    }

    @Test
    void readsProgressWithAStringToken() {
        ProgressNotification progress = read("""
                {"progressToken": "abc123", "progress": 50, "total": 100, "message": "Reticulating splines..."}
                """, ProgressNotification.class);

        assertThat(progress.progressToken()).isEqualTo("abc123");
        assertThat(progress.progress()).isEqualTo(50.0);
        assertThat(progress.total()).isEqualTo(100.0);
        assertThat(progress.message()).isEqualTo("Reticulating splines...");
    }

    @Test
    void numericProgressTokensAreLongs() {
        ProgressNotification progress = read("""
                {"progressToken": 7, "progress": 0.5}
                """, ProgressNotification.class);

        assertThat(progress.progressToken()).isEqualTo(7L);
        assertThat(progress.progress()).isEqualTo(0.5);
        assertThat(progress.total()).isNull();
        assertThat(progress.message()).isNull();
        assertWritesJson(new ProgressNotification(7, 0.5), """
                {"progressToken": 7, "progress": 0.5}
                """);
    }

    @Test
    void readsAndWritesCancellations() {
        CancelledNotification byString = read("""
                {"requestId": "123", "reason": "User requested cancellation"}
                """, CancelledNotification.class);
        CancelledNotification byNumber = read("""
                {"requestId": 123}
                """, CancelledNotification.class);

        assertThat(byString.requestId()).isEqualTo("123");
        assertThat(byString.reason()).isEqualTo("User requested cancellation");
        assertThat(byNumber.requestId()).isEqualTo(123L);
        assertThat(byNumber.reason()).isNull();
        assertWritesJson(new CancelledNotification(5L, "timed out"), """
                {"requestId": 5, "reason": "timed out"}
                """);
    }

    @Test
    void readsElicitationCompletion() {
        ElicitationCompleteNotification complete = read("""
                {"elicitationId": "550e8400-e29b-41d4-a716-446655440000"}
                """, ElicitationCompleteNotification.class);

        assertThat(complete.elicitationId()).isEqualTo("550e8400-e29b-41d4-a716-446655440000");
        assertThat(complete.meta()).isNull();
    }
}
