package dev.mcpclient.boot.autoconfigure.ai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names Spring AI sees for the servers' tools: unique within one prompt and each matching
 * {@code ^[a-zA-Z0-9_-]{1,64}$}, as model APIs require.
 *
 * <p>A name is the tool's own, or {@code <server>_<tool>} as {@link McpToolNamePrefix} says, with
 * every other character replaced by {@code _}. Where two different tools would get the same name
 * (after that replacement, or a prefixed name meeting a tool's own), and where a name is longer than
 * 64 characters, the name is cut and ends with {@code _} and eight hex digits of a hash of the
 * server's and the tool's names: the same tool keeps the same name from prompt to prompt while the
 * tools around it stay the same.
 */
final class ToolNames {

    /** The longest name model APIs accept. */
    static final int MAX_LENGTH = 64;

    private static final int HASH_LENGTH = 8;

    private ToolNames() {
    }

    /** A tool of a server, by the names the server and the tool have in MCP. */
    record ServerTool(String server, String tool) {
    }

    /**
     * The name of each tool, in the order given; {@code null} for a tool left out: with
     * {@link McpToolNamePrefix#NEVER}, a tool whose name an earlier server's tool already has.
     */
    static List<String> assign(List<ServerTool> tools, McpToolNamePrefix prefix) {
        Map<String, String> firstServer = new HashMap<>();
        Map<String, Integer> servers = new HashMap<>();
        Set<ServerTool> distinct = new HashSet<>(tools);
        for (ServerTool tool : distinct) {
            servers.merge(tool.tool(), 1, Integer::sum);
        }
        List<String> bases = new ArrayList<>(tools.size());
        Set<ServerTool> seen = new HashSet<>();
        Map<String, Integer> uses = new HashMap<>();
        for (ServerTool tool : tools) {
            String first = firstServer.computeIfAbsent(tool.tool(), name -> tool.server());
            // A server listing one name twice offers one tool, the first; NEVER leaves a later server's namesake out.
            boolean offered = seen.add(tool) && (prefix != McpToolNamePrefix.NEVER || first.equals(tool.server()));
            String base = null;
            if (offered) {
                boolean prefixed = prefix == McpToolNamePrefix.ALWAYS
                        || (prefix == McpToolNamePrefix.WHEN_NEEDED && servers.get(tool.tool()) > 1);
                base = sanitize(prefixed ? tool.server() + "_" + tool.tool() : tool.tool());
                uses.merge(base, 1, Integer::sum);
            }
            bases.add(base);
        }
        List<String> names = new ArrayList<>(tools.size());
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            String base = bases.get(i);
            String name = null;
            if (base != null) {
                boolean clash = uses.get(base) > 1;
                name = clash || base.length() > MAX_LENGTH ? hashed(base, tools.get(i)) : base;
                if (!taken.add(name)) {
                    name = null; // only a tool whose own name looks like another tool's hashed one gets here
                }
            }
            names.add(name);
        }
        return names;
    }

    /** {@code name} with every character outside {@code [a-zA-Z0-9_-]} replaced by {@code _}; never empty. */
    static String sanitize(String name) {
        if (name.isEmpty()) {
            return "tool";
        }
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-';
            out.append(allowed ? c : '_');
        }
        return out.toString();
    }

    /** {@code base}, cut to leave room, then {@code _} and a hash of the server's and the tool's names. */
    private static String hashed(String base, ServerTool tool) {
        int keep = Math.min(base.length(), MAX_LENGTH - HASH_LENGTH - 1);
        return base.substring(0, keep) + "_" + hash(tool.server() + '\u0000' + tool.tool());
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, HASH_LENGTH / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
