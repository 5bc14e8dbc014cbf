package dev.mcpclient.transport.stdio;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tiny MCP server over stdio for the tests, run as a child JVM. Tools: {@code echo(text)},
 * {@code env(name)}, {@code cwd}, {@code pid}, {@code hang} (sends progress when asked for, then never
 * answers), {@code noise} (writes bad lines before its answer), {@code flood(count)} (writes {@code count}
 * {@code notifications/message} before its answer) and {@code exit(code)} (writes lines to standard error
 * and exits without answering).
 *
 * <p>{@code --on-eof=exit} (default) exits 0 when standard input ends; {@code linger} keeps running;
 * {@code stubborn} keeps running and ignores SIGTERM (a shutdown hook that never returns).
 * {@code --stderr-flood=<lines>} writes that many lines to standard error, then one of a megabyte, then
 * {@code stderr flood done}, before it reads anything; {@code --stdout-garbage=<bytes>} writes that many
 * random bytes (seeded; line feeds among them) to standard output before it reads anything.
 */
public final class StdioTestServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PrintStream OUT = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
            StandardCharsets.UTF_8);

    private StdioTestServer() {
    }

    /** The command line that runs this server in a JVM of its own, with {@code args}. */
    public static List<String> command(String... args) {
        List<String> line = new ArrayList<>();
        line.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        line.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp",
                System.getProperty("java.class.path"), StdioTestServer.class.getName()));
        line.addAll(List.of(args));
        return line;
    }

    public static void main(String[] args) throws Exception {
        String onEof = "exit";
        for (String arg : args) {
            if (arg.startsWith("--on-eof=")) {
                onEof = arg.substring("--on-eof=".length());
            }
            if (arg.equals("--era=modern")) {
                era = "modern";
            }
            if (arg.equals("--era=silent-legacy")) {
                era = "silent-legacy";
            }
            if (arg.startsWith("--stderr-flood=")) {
                floodStderr(Integer.parseInt(arg.substring("--stderr-flood=".length())));
            }
            if (arg.startsWith("--stdout-garbage=")) {
                byte[] garbage = new byte[Integer.parseInt(arg.substring("--stdout-garbage=".length()))];
                new Random(20261208L).nextBytes(garbage);
                synchronized (StdioTestServer.class) {
                    OUT.write(garbage, 0, garbage.length);
                    OUT.print('\n');
                    OUT.flush();
                }
            }
        }
        System.err.println("test server starting");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            handle((ObjectNode) JSON.readTree(line));
        }
        System.err.println("stdin closed, on-eof=" + onEof);
        System.err.flush();
        if ("exit".equals(onEof)) {
            System.exit(0);
        }
        if ("stubborn".equals(onEof)) {
            Runtime.getRuntime().addShutdownHook(new Thread(StdioTestServer::forever));
        }
        forever();
    }

    private static void floodStderr(int lines) {
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), false,
                StandardCharsets.UTF_8);
        for (int i = 0; i < lines; i++) {
            err.print("stderr flood line ");
            err.println(i);
        }
        err.println("y".repeat(1024 * 1024));
        err.println("stderr flood done");
        err.flush();
    }

    private static void forever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code legacy} (answers server/discover with -32601), {@code silent-legacy} (never answers it) or {@code modern}. */
    private static String era = "legacy";

    private static void handle(ObjectNode message) {
        String method = message.path("method").asString("");
        JsonNode id = message.get("id");
        JsonNode params = message.path("params");
        if ("server/discover".equals(method) && !"legacy".equals(era)) {
            if ("modern".equals(era)) {
                ObjectNode result = JSON.createObjectNode();
                result.put("resultType", "complete");
                result.putArray("supportedVersions").add("2026-07-28");
                result.putObject("capabilities").putObject("tools").put("listChanged", true);
                result.putObject("_meta").putObject("io.modelcontextprotocol/serverInfo").put("name", "stdio-modern")
                        .put("version", "1.0");
                respond(id, result);
            }
            return; // silent-legacy: a legacy server that leaves requests before initialize unanswered
        }
        if ("modern".equals(era) && id != null
                && !"2026-07-28".equals(params.path("_meta").path("io.modelcontextprotocol/protocolVersion").asString(""))) {
            ObjectNode error = JSON.createObjectNode();
            error.put("jsonrpc", "2.0");
            error.set("id", id);
            error.putObject("error").put("code", -32022).put("message", "Unsupported protocol version")
                    .putObject("data").putArray("supported").add("2026-07-28");
            send(error.toString());
            return;
        }
        if ("modern".equals(era) && "subscriptions/listen".equals(method)) {
            // The acknowledgment first, then one change, both tagged with the subscription's id.
            send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/subscriptions/acknowledged\",\"params\":{\"_meta\":"
                    + "{\"io.modelcontextprotocol/subscriptionId\":" + id + "},\"notifications\":" + params.path("notifications") + "}}");
            send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\",\"params\":{\"_meta\":"
                    + "{\"io.modelcontextprotocol/subscriptionId\":" + id + "}}}");
            return;
        }
        switch (method) {
            case "initialize" -> {
                ObjectNode result = JSON.createObjectNode();
                result.put("protocolVersion", params.path("protocolVersion").asString());
                result.putObject("capabilities").putObject("tools");
                result.putObject("serverInfo").put("name", "stdio-test-server").put("version", "1.0");
                respond(id, result);
            }
            case "ping" -> respond(id, JSON.createObjectNode());
            case "tools/list" -> {
                ObjectNode result = JSON.createObjectNode();
                ArrayNode tools = result.putArray("tools");
                for (String name : new String[] {"echo", "env", "cwd", "pid", "hang", "noise", "flood", "exit"}) {
                    ObjectNode tool = tools.addObject().put("name", name);
                    tool.putObject("inputSchema").put("type", "object");
                }
                respond(id, result);
            }
            case "tools/call" -> call(id, params);
            default -> {
                if (id != null) {
                    ObjectNode error = JSON.createObjectNode();
                    error.put("jsonrpc", "2.0");
                    error.set("id", id);
                    error.putObject("error").put("code", -32601).put("message", "no method " + method);
                    send(error.toString());
                }
            }
        }
    }

    private static void call(JsonNode id, JsonNode params) {
        JsonNode args = params.path("arguments");
        switch (params.path("name").asString()) {
            case "echo" -> text(id, args.path("text").asString());
            case "env" -> text(id, String.valueOf(System.getenv(args.path("name").asString())));
            case "cwd" -> text(id, System.getProperty("user.dir"));
            case "pid" -> text(id, String.valueOf(ProcessHandle.current().pid()));
            case "hang" -> {
                System.err.println("hanging now");
                System.err.flush();
                JsonNode token = params.path("_meta").get("progressToken");
                if (token != null) {
                    ObjectNode progress = JSON.createObjectNode();
                    progress.put("jsonrpc", "2.0");
                    progress.put("method", "notifications/progress");
                    progress.putObject("params").put("progress", 1).set("progressToken", token);
                    send(progress.toString());
                }
            }
            case "noise" -> {
                send("this is not json");
                send("{\"jsonrpc\":\"1.0\",\"id\":1,\"result\":{}}");
                send("[1,2");
                send("");
                send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":\""
                        + "x".repeat(5000) + "\"}}");
                text(id, "after the noise");
            }
            case "flood" -> {
                int count = args.path("count").asInt();
                for (int i = 0; i < count; i++) {
                    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"debug\","
                            + "\"data\":\"flood " + i + "\"}}");
                }
                text(id, "flooded");
            }
            case "exit" -> {
                for (int i = 1; i <= 30; i++) {
                    System.err.println("line " + i);
                }
                System.err.println("bye");
                System.err.flush();
                System.exit(args.path("code").asInt());
            }
            default -> text(id, "no such tool");
        }
    }

    private static void text(JsonNode id, String text) {
        ObjectNode result = JSON.createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        respond(id, result);
    }

    private static void respond(JsonNode id, JsonNode result) {
        ObjectNode response = JSON.createObjectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("result", result);
        send(response.toString());
    }

    private static synchronized void send(String line) {
        OUT.print(line);
        OUT.print('\n');
        OUT.flush();
    }
}
