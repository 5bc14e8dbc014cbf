package dev.mcpclient.interop.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm peers of the interop module ({@code interop/package.json}, pinned by its lock file): installed
 * once per JVM by {@code npm-install.sh} (which the Maven build also runs; it does nothing when they are
 * already installed), and run with the Node 22 that the {@code node} package brings.
 */
public final class NpmPeers {

    private static boolean installed;

    private NpmPeers() {
    }

    /** The interop module's folder. */
    public static Path moduleDir() {
        String basedir = System.getProperty("basedir");
        return Path.of(basedir != null ? basedir : System.getProperty("user.dir")).toAbsolutePath();
    }

    /** Installs the peers if needed; fails with npm's output if that fails. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        Path script = moduleDir().resolve("npm-install.sh");
        try {
            Process npm = new ProcessBuilder("bash", script.toString())
                    .directory(moduleDir().toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(npm.getInputStream().readAllBytes());
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm-install.sh failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        installed = true;
    }

    /** The Node 22 binary from {@code node_modules}. */
    public static Path node() {
        install();
        return existing(moduleDir().resolve("node_modules/.bin/node"));
    }

    /** A file of an installed package, e.g. {@code @modelcontextprotocol/server-everything/dist/index.js}. */
    public static Path packageFile(String relative) {
        install();
        return existing(moduleDir().resolve("node_modules").resolve(relative));
    }

    /** {@code node --import loopback.mjs <script> <args>}: a server script confined to 127.0.0.1. */
    public static List<String> loopbackServer(Path script, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(node().toString(), "--import",
                moduleDir().resolve("peers/loopback.mjs").toUri().toString(), script.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static Path existing(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: run interop/npm-install.sh");
        }
        return path;
    }
}
