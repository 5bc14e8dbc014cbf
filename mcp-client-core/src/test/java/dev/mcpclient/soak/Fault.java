package dev.mcpclient.soak;

import dev.mcpclient.McpErrorException;
import dev.mcpclient.McpProtocolException;
import dev.mcpclient.McpTimeoutException;
import dev.mcpclient.McpTransportException;
import dev.mcpclient.transport.ResponseStreamLostException;
import java.util.SplittableRandom;

/**
 * What a soak server does with one {@code tools/call}, and what the call must end with when nothing
 * else (a restart, an expired session, a broken phase, a closed client) happened to it meanwhile.
 *
 * <p>Chosen per call number from the seed ({@link #of}), so call {@code n} meets the same fault in
 * every run with that seed, whichever caller makes it.
 */
enum Fault {
    /** 200 {@code application/json} with the result. */
    OK_JSON(20, null),
    /** 200 {@code text/event-stream}: a progress-free stream carrying the result, then its end. */
    OK_SSE(10, null),
    /** The result after a delay of up to {@link SoakConfig#SLOW_MAX_MILLIS}, well within the call's timeout. */
    SLOW(10, null),
    /** No answer within the call's own short timeout: held open, or answered too late. */
    TIMEOUT(4, McpTimeoutException.class),
    /**
     * The response stream is cut mid-stream and the call still gets its result: 2025-11-25 resumes it
     * ({@code GET} with {@code Last-Event-ID}), 2026-07-28 sends the request again once.
     */
    DROP_RECOVERED(6, null),
    /**
     * The response stream is cut and cannot be recovered: 2025-11-25 without an event id (nothing to
     * resume), 2026-07-28 cut twice ({@link ResponseStreamLostException}).
     */
    DROP_LOST(4, McpTransportException.class),
    /** 200 {@code application/json} whose body is cut-off JSON. */
    MALFORMED_JSON(5, McpProtocolException.class),
    /** An SSE event whose data is not JSON, then the result: the bad event is skipped. */
    MALFORMED_SSE(5, null),
    /** 500 with an HTML error page, as a proxy gives. */
    HTML_ERROR(5, McpTransportException.class),
    /** 200 with {@code text/html}: neither JSON nor an event stream. */
    WRONG_CONTENT_TYPE(5, McpTransportException.class),
    /** The connection closed with a TCP RST, no response at all. */
    RESET(4, McpTransportException.class),
    /** The server's JSON-RPC error (code {@code -32000 - n % 50}). */
    RPC_ERROR(6, McpErrorException.class),
    /** A response to an id nobody waits for, then the result: the stray one is dropped and counted. */
    STRAY_RESPONSE(5, null),
    /**
     * 2026-07-28: {@code input_required} with a sampling request, then the result once the request is
     * sent again with the answer. 2025-11-25: the plain JSON result (the handshake era has no rounds).
     */
    INPUT_ROUND(5, null);

    private static final Fault[] VALUES = values();
    private static final int TOTAL_WEIGHT;

    static {
        int total = 0;
        for (Fault f : VALUES) {
            total += f.weight;
        }
        TOTAL_WEIGHT = total;
    }

    private final int weight;
    private final Class<? extends Exception> expectedError;

    Fault(int weight, Class<? extends Exception> expectedError) {
        this.weight = weight;
        this.expectedError = expectedError;
    }

    /** The fault for call {@code n} under {@code seed}: the same in every run, whatever the threads do. */
    static Fault of(long seed, long n) {
        int pick = random(seed, n).nextInt(TOTAL_WEIGHT);
        for (Fault f : VALUES) {
            pick -= f.weight;
            if (pick < 0) {
                return f;
            }
        }
        throw new IllegalStateException();
    }

    /** A random source for call {@code n}'s own details (delays, variants), independent of other calls. */
    static SplittableRandom random(long seed, long n) {
        return new SplittableRandom(seed ^ (n * 0x9E3779B97F4A7C15L));
    }

    /** Whether an undisturbed call ends with its own result. */
    boolean succeeds() {
        return expectedError == null;
    }

    /**
     * Whether {@code error} is what this fault implies for call {@code n} in this era: the expected
     * type (or a subtype), and for {@link #RPC_ERROR} the planned code; for {@link #DROP_LOST} in the
     * 2026-07-28 revision exactly {@link ResponseStreamLostException}.
     */
    boolean expects(Throwable error, boolean modern, long n) {
        if (expectedError == null || !expectedError.isInstance(error)) {
            return false;
        }
        if (this == RPC_ERROR) {
            return ((McpErrorException) error).code() == rpcErrorCode(n);
        }
        if (this == DROP_LOST && modern) {
            return error instanceof ResponseStreamLostException;
        }
        return true;
    }

    /** The code of the planned JSON-RPC error of call {@code n}. */
    static int rpcErrorCode(long n) {
        return -32000 - (int) (n % 50);
    }
}
