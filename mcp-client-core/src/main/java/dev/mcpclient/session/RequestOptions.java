package dev.mcpclient.session;

import java.time.Duration;

/**
 * How the session sends one request.
 *
 * @param timeout how long to wait for the response; {@code null} for the session's default
 * @param lifecycle whether this is a lifecycle request ({@code initialize}): it is not held until the
 *     session is ready, and it is never cancelled on the server
 */
public record RequestOptions(Duration timeout, boolean lifecycle) {

    /** Default options: the session's timeout, an ordinary request. */
    public static final RequestOptions DEFAULT = new RequestOptions(null, false);

    /** An ordinary request with this timeout ({@code null}: the session's default). */
    public static RequestOptions timeout(Duration timeout) {
        return new RequestOptions(timeout, false);
    }
}
