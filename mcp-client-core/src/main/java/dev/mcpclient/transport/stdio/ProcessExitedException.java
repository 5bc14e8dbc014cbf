package dev.mcpclient.transport.stdio;

import dev.mcpclient.McpTransportException;
import java.util.List;
import java.util.OptionalInt;

/**
 * The server process ended (or closed its standard output), so no response can arrive any more:
 * every call waiting for one fails with this, and so does every later call. Says how it ended and
 * what it last wrote to standard error.
 *
 * @since 0.2.0
 */
public class ProcessExitedException extends McpTransportException {

    private final Integer exitCode;
    private final List<String> stderrTail;

    /**
     * @param process the command, for the message
     * @param exitCode the exit code, or {@code null} when the process still runs but closed its output
     * @param stderrTail the last lines of its standard error, oldest first
     */
    public ProcessExitedException(String process, Integer exitCode, List<String> stderrTail) {
        super(message(process, exitCode, stderrTail), (Throwable) null);
        this.exitCode = exitCode;
        this.stderrTail = List.copyOf(stderrTail);
    }

    private static String message(String process, Integer exitCode, List<String> stderrTail) {
        StringBuilder text = new StringBuilder("the MCP server process ").append(process);
        text.append(exitCode == null ? " closed its standard output" : " exited with code " + exitCode);
        if (stderrTail.isEmpty()) {
            text.append(" (it wrote nothing to standard error)");
        } else {
            text.append("; the last lines of its standard error:");
            stderrTail.forEach(line -> text.append(System.lineSeparator()).append("    ").append(line));
        }
        return text.toString();
    }

    /** The process's exit code; empty when it still runs but closed its standard output. */
    public OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    /** The last lines the process wrote to standard error, oldest first. */
    public List<String> stderrTail() {
        return stderrTail;
    }
}
