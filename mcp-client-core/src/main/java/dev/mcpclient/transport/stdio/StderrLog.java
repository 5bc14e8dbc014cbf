package dev.mcpclient.transport.stdio;

import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;

/**
 * The standard error of a server process: every line goes to an SLF4J logger (at INFO) and the last
 * lines are kept in a bounded ring buffer, to tell why the process ended.
 */
final class StderrLog {

    private final Logger logger;
    private final int capacity;
    private final ArrayDeque<String> tail;

    StderrLog(Logger logger, int capacity) {
        this.logger = logger;
        this.capacity = capacity;
        this.tail = new ArrayDeque<>(capacity);
    }

    void line(String line) {
        logger.info("{}", line);
        synchronized (tail) {
            if (tail.size() == capacity) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }
    }

    /** The last lines, oldest first. */
    List<String> tail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    String loggerName() {
        return logger.getName();
    }
}
