package dev.mcpclient.session;

import dev.mcpclient.schema.ProgressNotification;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How the session sends one request.
 *
 * @param timeout how long to wait for the response; {@code null} for the session's default
 * @param lifecycle whether this is a lifecycle request ({@code initialize}): it is not held until the
 *     session is ready, and it is never cancelled on the server
 * @param progress receives the request's progress notifications, or {@code null} for none: the
 *     session then sends a progress token in the request's {@code _meta}
 */
public record RequestOptions(Duration timeout, boolean lifecycle, Consumer<ProgressNotification> progress) {

    /** Default options: the session's timeout, an ordinary request. */
    public static final RequestOptions DEFAULT = new RequestOptions(null, false);

    /** Options without progress. */
    public RequestOptions(Duration timeout, boolean lifecycle) {
        this(timeout, lifecycle, null);
    }

    /** An ordinary request with this timeout ({@code null}: the session's default). */
    public static RequestOptions timeout(Duration timeout) {
        return new RequestOptions(timeout, false);
    }

    /** A copy with this progress listener ({@code null}: none). */
    public RequestOptions withProgress(Consumer<ProgressNotification> listener) {
        return new RequestOptions(timeout, lifecycle, listener);
    }
}
