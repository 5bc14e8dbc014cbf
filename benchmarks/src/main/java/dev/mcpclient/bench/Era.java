package dev.mcpclient.bench;

import java.util.Locale;

/**
 * The two eras of MCP a benchmark endpoint speaks. An endpoint's name says its era and how it
 * answers {@code tools/call}: {@code json} and {@code sse} speak the handshake era, {@code modern-json}
 * and {@code modern-sse} the modern one.
 */
public enum Era {

    /**
     * The handshake revisions (2025-11-25 and before): {@code initialize}, {@code notifications/initialized},
     * a session id on every request.
     */
    HANDSHAKE(""),

    /**
     * Revision 2026-07-28, stateless: {@code server/discover}, then every request carries its {@code _meta}
     * (protocol version, client info and capabilities) and the headers {@code MCP-Protocol-Version},
     * {@code Mcp-Method} and {@code Mcp-Name}; no session.
     */
    MODERN("modern-");

    private final String prefix;

    Era(String prefix) {
        this.prefix = prefix;
    }

    /** The era of the endpoint named {@code mode}. */
    public static Era of(String mode) {
        return mode.startsWith(MODERN.prefix) ? MODERN : HANDSHAKE;
    }

    /** How the endpoint named {@code mode} answers: {@code json}, {@code sse}, {@code seed} or {@code hold}. */
    public static String answer(String mode) {
        return mode.substring(of(mode).prefix.length());
    }

    /** The name of the endpoint of this era that answers the way {@code answer} says. */
    public String mode(String answer) {
        return prefix + answer;
    }

    /** {@code handshake} or {@code modern}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
