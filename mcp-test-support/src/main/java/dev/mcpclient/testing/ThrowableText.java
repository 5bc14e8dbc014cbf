package dev.mcpclient.testing;

import java.io.PrintWriter;
import java.io.StringWriter;

/** An exception as everything it shows: for the audits that no secret is shown. */
public final class ThrowableText {

    private ThrowableText() {
    }

    /** The message, the stack trace and every cause of {@code e}. */
    public static String of(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        StringBuilder all = new StringBuilder(trace.toString());
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            all.append('\n').append(cause);
        }
        return all.toString();
    }
}
