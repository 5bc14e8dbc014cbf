package dev.mcpclient.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of a server's tools are offered to Spring AI ({@code mcp.client.servers.<name>.tools}). Each
 * entry is a tool's name, a glob ({@code *} any run of characters, {@code ?} one character), or a
 * Java regular expression after {@code regex:}, matched against the whole name the server gives the
 * tool. The server's client itself still lists and calls every tool.
 *
 * @since 0.2.0
 */
public class McpServerToolsProperties {

    /**
     * The tools offered to Spring AI: names, globs (* and ?) or regex:<expression>. Every tool when
     * empty.
     */
    private List<String> include = new ArrayList<>();

    /**
     * The tools never offered to Spring AI, even when included: names, globs (* and ?) or
     * regex:<expression>.
     */
    private List<String> exclude = new ArrayList<>();

    public List<String> getInclude() {
        return include;
    }

    public void setInclude(List<String> include) {
        this.include = include;
    }

    public List<String> getExclude() {
        return exclude;
    }

    public void setExclude(List<String> exclude) {
        this.exclude = exclude;
    }

    @Override
    public String toString() {
        return "Tools[include=" + include + ", exclude=" + exclude + "]";
    }
}
