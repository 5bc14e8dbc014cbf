package dev.mcpclient.soak;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * When one server was in trouble (restarting, expiring sessions, answering 503), so that a call's
 * failure can be told apart: caused by the trouble it met, or by the client.
 *
 * <p>A trouble counts from its start until {@link SoakConfig#TROUBLE_AFTERMATH} after its end: pooled
 * connections the restart closed and background streams reconnecting are felt a little longer.
 */
final class Troubles {

    private static final long AFTERMATH = SoakConfig.TROUBLE_AFTERMATH.toNanos();

    /** One trouble: what and when, in nanos; {@code end} is {@code Long.MAX_VALUE} while it lasts. */
    static final class Span {
        final TroubleSchedule.Kind kind;
        final long start = System.nanoTime();
        volatile long end = Long.MAX_VALUE;

        Span(TroubleSchedule.Kind kind) {
            this.kind = kind;
        }
    }

    /** Guarded by this. */
    private final List<Span> spans = new ArrayList<>();

    /** A trouble starts now; the returned span is passed to {@link #end}. */
    synchronized Span begin(TroubleSchedule.Kind kind) {
        Span span = new Span(kind);
        spans.add(span);
        return span;
    }

    synchronized void end(Span span) {
        span.end = System.nanoTime();
    }

    /** A trouble of no length (sessions expired): felt for the aftermath. */
    synchronized void instant(TroubleSchedule.Kind kind) {
        end(begin(kind));
    }

    /** The troubles a call running from {@code start} to {@code end} (nanos) met, relative to its start, for a report. */
    synchronized String describe(long start, long end) {
        StringBuilder text = new StringBuilder();
        for (Span span : spans) {
            long until = span.end == Long.MAX_VALUE ? Long.MAX_VALUE : span.end + AFTERMATH;
            if (span.start <= end && until >= start) {
                text.append(text.length() == 0 ? "" : ", ").append(span.kind).append(" from ")
                        .append((span.start - start) / 1_000_000).append(" ms to ")
                        .append(span.end == Long.MAX_VALUE ? "(going on)" : (span.end - start) / 1_000_000 + " ms");
            }
        }
        return text.length() == 0 ? "none" : text.toString();
    }

    /** The kinds of trouble a call running from {@code start} to {@code end} (nanos) met. */
    synchronized Set<TroubleSchedule.Kind> met(long start, long end) {
        Set<TroubleSchedule.Kind> met = EnumSet.noneOf(TroubleSchedule.Kind.class);
        for (Span span : spans) {
            long until = span.end == Long.MAX_VALUE ? Long.MAX_VALUE : span.end + AFTERMATH;
            if (span.start <= end && until >= start) {
                met.add(span.kind);
            }
        }
        return met;
    }
}
