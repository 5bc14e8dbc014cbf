package dev.mcpclient.interop.report;

/**
 * One cell of the interop table as a test run left it.
 *
 * @param peer the column
 * @param feature the row
 * @param status {@code pass}, {@code fail}, or {@code pending} (the test is disabled; {@code note} says why)
 * @param test the test that decided it ({@code Class#method})
 * @param note why a test is pending or failed; empty otherwise
 */
public record Outcome(Peer peer, Feature feature, String status, String test, String note) {

    /** A passing test. */
    public static final String PASS = "pass";
    /** A failing test. */
    public static final String FAIL = "fail";
    /** A disabled test, waiting for an API or transport that is not there yet. */
    public static final String PENDING = "pending";
}
