package dev.mcpclient.boot.autoconfigure;

/**
 * The names of the beans made for each server. A bean the application defines under one of these
 * names replaces the starter's. Every one of them is also qualified by the server's name, so
 * {@code @Qualifier("weather") McpClient} finds the client of server {@code weather}.
 *
 * <p>The prefix is the server's name in camel case: server {@code my-server} has the beans
 * {@code myServerMcpClient}, {@code myServerReactiveMcpClient}, {@code myServerMcpTransport} and
 * {@code myServerMcpBackgroundStream}.
 *
 * @since 0.2.0
 */
public final class McpServerBeanNames {

    private McpServerBeanNames() {
    }

    /** The name of the server's {@link dev.mcpclient.McpClient} bean. */
    public static String client(String server) {
        return prefix(server) + "McpClient";
    }

    /** The name of the server's {@link dev.mcpclient.ReactiveMcpClient} bean. */
    public static String reactiveClient(String server) {
        return prefix(server) + "ReactiveMcpClient";
    }

    /** The name of the server's transport bean. */
    public static String transport(String server) {
        return prefix(server) + "McpTransport";
    }

    /** The name of the server's background stream bean. */
    public static String backgroundStream(String server) {
        return prefix(server) + "McpBackgroundStream";
    }

    /** The server's name in camel case: {@code my-server} and {@code my_server} become {@code myServer}. */
    static String prefix(String server) {
        StringBuilder prefix = new StringBuilder(server.length());
        boolean upper = false;
        for (char c : server.toCharArray()) {
            if (c == '-' || c == '_' || c == '.') {
                upper = prefix.length() > 0;
                continue;
            }
            if (prefix.length() == 0) {
                prefix.append(Character.toLowerCase(c));
            } else {
                prefix.append(upper ? Character.toUpperCase(c) : c);
            }
            upper = false;
        }
        return prefix.toString();
    }
}
