package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The severity of a log message, as the syslog severities of RFC 5424; declared from least to most severe. */
public enum LoggingLevel {
    /** {@code "debug"}. */
    DEBUG("debug"),
    /** {@code "info"}. */
    INFO("info"),
    /** {@code "notice"}. */
    NOTICE("notice"),
    /** {@code "warning"}. */
    WARNING("warning"),
    /** {@code "error"}. */
    ERROR("error"),
    /** {@code "critical"}. */
    CRITICAL("critical"),
    /** {@code "alert"}. */
    ALERT("alert"),
    /** {@code "emergency"}. */
    EMERGENCY("emergency");

    private final String value;

    LoggingLevel(String value) {
        this.value = value;
    }

    /** The JSON value. */
    @JsonValue
    public String value() {
        return value;
    }

    /** Whether this level is as severe as {@code other} or more. */
    public boolean isAtLeast(LoggingLevel other) {
        return compareTo(other) >= 0;
    }

    /**
     * The level for a JSON value.
     *
     * @throws IllegalArgumentException if {@code value} is not a level
     */
    @JsonCreator
    public static LoggingLevel fromValue(String value) {
        for (LoggingLevel level : values()) {
            if (level.value.equals(value)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown logging level: " + value);
    }
}
