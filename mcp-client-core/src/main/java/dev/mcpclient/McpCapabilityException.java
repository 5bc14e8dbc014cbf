package dev.mcpclient;

/**
 * A call needs a server capability that the server did not declare in its {@code initialize}
 * result. Nothing was sent.
 *
 * @since 0.2.0
 */
public class McpCapabilityException extends McpException {

    private final String method;
    private final String capability;

    /**
     * @param method the refused method
     * @param capability the missing capability, e.g. {@code resources.subscribe}
     * @param serverName the server's name for the message, or {@code null}
     */
    public McpCapabilityException(String method, String capability, String serverName) {
        super(method + " needs the server capability '" + capability + "', which "
                + (serverName == null ? "the server" : "the server " + serverName)
                + " did not declare in its initialize result; nothing was sent");
        this.method = method;
        this.capability = capability;
    }

    /** The method that was refused, e.g. {@code resources/subscribe}. */
    public String method() {
        return method;
    }

    /** The missing capability, as the specification names it, e.g. {@code resources.subscribe}. */
    public String capability() {
        return capability;
    }
}
