package dev.mcpclient.interop.report;

/**
 * One cell of the interop table as a test run left it.
 *
 * @param peer the column
 * @param feature the row
 * @param status {@code pass}, {@code fail}, or {@code pending} (the test is disabled, or met a known gap of the
 *     peer or of the client; {@code note} says why)
 * @param test the test that decided it ({@code Class#method})
 * @param note why a test is pending or failed; empty otherwise
 * @param era the protocol era the test's clients spoke ({@code modern} or {@code legacy}), or {@code null}
 *     when the outcome is not about one (the conformance runs)
 * @param protocolVersion how the clients were built: {@code auto}, or the revision they were pinned to;
 *     {@code null} with {@code era}
 */
public record Outcome(Peer peer, Feature feature, String status, String test, String note, String era,
        String protocolVersion) {

    /** A passing test. */
    public static final String PASS = "pass";
    /** A failing test. */
    public static final String FAIL = "fail";
    /**
     * A disabled test, waiting for an API or transport that is not there yet, or one that met a known gap
     * of its peer or of the client (and would fail once the gap is closed).
     */
    public static final String PENDING = "pending";

    /** The outcome of a run that is not about one era (a conformance scenario). */
    public Outcome(Peer peer, Feature feature, String status, String test, String note) {
        this(peer, feature, status, test, note, null, null);
    }
}
