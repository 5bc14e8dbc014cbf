package dev.mcpclient.schema;

import tools.jackson.databind.EnumNamingStrategies;
import tools.jackson.databind.annotation.EnumNaming;

/**
 * The severity of a log message, as the syslog severities of RFC 5424; declared from least to most severe.
 *
 * @since 0.2.0
 */
@EnumNaming(EnumNamingStrategies.LowerCamelCaseStrategy.class)
public enum LoggingLevel {
    /** {@code "debug"}. */
    DEBUG,
    /** {@code "info"}. */
    INFO,
    /** {@code "notice"}. */
    NOTICE,
    /** {@code "warning"}. */
    WARNING,
    /** {@code "error"}. */
    ERROR,
    /** {@code "critical"}. */
    CRITICAL,
    /** {@code "alert"}. */
    ALERT,
    /** {@code "emergency"}. */
    EMERGENCY;

    /** Whether this level is as severe as {@code other} or more. */
    public boolean isAtLeast(LoggingLevel other) {
        return compareTo(other) >= 0;
    }
}
