package dev.mcpclient.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Seeded mutation fuzzing without a native fuzzer: a corpus of inputs from
 * {@code src/test/resources/fuzz/<target>/}, then a fixed number of inputs made from it by a
 * {@link Random} with a fixed seed, each checked by a property. The same seed gives the same inputs,
 * so a failure reproduces; it names the seed, the input number and the input (also written to
 * {@code target/fuzz-failures/<target>/}, ready to be added to the corpus).
 *
 * <p>Every input runs under a hang guard: one that takes longer than {@code fuzz.inputTimeoutSeconds}
 * (default 30, absurdly long for inputs of a few KiB) fails the run and is named, instead of hanging
 * the build. That bound is a guard against endless loops, not a timing goal.
 *
 * <p>System properties for longer sessions: {@code fuzz.iterations} (inputs per target),
 * {@code fuzz.seed}, {@code fuzz.maxLength} (the longest input made, in bytes).
 */
public final class Fuzzing {

    /** Inputs made per target unless {@code fuzz.iterations} says otherwise. */
    private static final int DEFAULT_ITERATIONS = 2_000;
    private static final long DEFAULT_SEED = 0x5EEDL;
    private static final int DEFAULT_MAX_LENGTH = 4_096;

    /** Tokens the mutator inserts: line ends, field names, JSON and header punctuation, odd bytes. */
    private static final List<byte[]> TOKENS = Stream.of(
                    "\r", "\n", "\r\n", "\n\r", "\r\r", "\n\n", "\r\n\r\n", ":", ": ", " ", "\t", "\0",
                    "data:", "data: ", "event:", "id:", "id: ", "retry:", "retry: 99999999999999999999999",
                    "{", "}", "[", "]", "\"", "\\", "\\u0000", "\\ud800", "\\udc00", ",", "null", "true", "-0",
                    "1e400", "9223372036854775808", "-9223372036854775809", "2147483648", "0.5",
                    "\"jsonrpc\":\"2.0\"", "\"id\":", "\"method\":", "\"result\":", "\"error\":", "\"code\":",
                    "\"params\":", "=?base64?", "?=", "x-mcp-header")
            .map(token -> token.getBytes(StandardCharsets.UTF_8))
            .collect(java.util.stream.Collectors.toCollection(ArrayList::new));

    static {
        TOKENS.add(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // BOM
        TOKENS.add(new byte[] {(byte) 0xFF});
        TOKENS.add(new byte[] {(byte) 0xC3}); // a lead byte without its continuation
        TOKENS.add(new byte[] {(byte) 0x80}); // a lone continuation byte
        TOKENS.add(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}); // an encoded surrogate
        TOKENS.add(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}); // an emoji
        TOKENS.add(new byte[] {(byte) 0xC0, (byte) 0x80}); // an overlong NUL
    }

    private Fuzzing() {
    }

    /** {@code fuzz.iterations}, or {@code defaultIterations}. */
    public static int iterations(int defaultIterations) {
        return Integer.getInteger("fuzz.iterations", defaultIterations);
    }

    /** {@code fuzz.iterations}, or the default. */
    public static int iterations() {
        return iterations(DEFAULT_ITERATIONS);
    }

    /** {@code fuzz.seed}, or a fixed default. */
    public static long seed() {
        return Long.getLong("fuzz.seed", DEFAULT_SEED);
    }

    /** {@code fuzz.maxLength}, or the default. */
    public static int maxLength() {
        return Integer.getInteger("fuzz.maxLength", DEFAULT_MAX_LENGTH);
    }

    /** The files of {@code src/test/resources/fuzz/<target>/}, in name order. */
    public static List<byte[]> corpus(String target) {
        URL url = Fuzzing.class.getClassLoader().getResource("fuzz/" + target);
        if (url == null) {
            throw new IllegalStateException("no corpus on the class path at fuzz/" + target);
        }
        try (Stream<Path> files = Files.list(Paths.get(url.toURI()))) {
            List<byte[]> inputs = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    inputs.add(in.readAllBytes());
                }
            }
            if (inputs.isEmpty()) {
                throw new IllegalStateException("empty corpus at fuzz/" + target);
            }
            return inputs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks {@code property} on every corpus input, then on {@code iterations} inputs mutated from
     * the corpus by a {@link Random} seeded with {@code seed}.
     *
     * @return how many inputs were checked
     * @throws AssertionError naming the input that broke the property or hung
     */
    public static int run(String target, List<byte[]> corpus, int iterations, long seed, Consumer<byte[]> property) {
        Random random = new Random(seed);
        int maxLength = maxLength();
        List<byte[]> inputs = new ArrayList<>(corpus);
        return guarded(target, seed, corpus.size() + iterations, index -> {
            if (index < corpus.size()) {
                return corpus.get(index);
            }
            byte[] input = mutate(random, inputs.get(random.nextInt(inputs.size())), inputs, maxLength);
            // Keep some mutants as parents, so that mutations build on each other.
            if (random.nextInt(8) == 0 && inputs.size() < corpus.size() + 256) {
                inputs.add(input);
            }
            return input;
        }, property);
    }

    /** Makes the inputs of one run, one at a time, in order. */
    @FunctionalInterface
    public interface Inputs {
        /** The input numbered {@code index}. */
        byte[] input(int index);
    }

    /**
     * Checks {@code property} on {@code count} inputs made by {@code inputs}, each under the hang guard.
     *
     * @return {@code count}
     */
    public static int guarded(String target, long seed, int count, Inputs inputs, Consumer<byte[]> property) {
        Duration inputTimeout = Duration.ofSeconds(Long.getLong("fuzz.inputTimeoutSeconds", 30));
        Progress progress = new Progress();
        ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "fuzz-" + target);
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<?> run = runner.submit(() -> {
                for (int i = 0; i < count; i++) {
                    byte[] input = inputs.input(i);
                    progress.start(i, input);
                    try {
                        property.accept(input);
                    } catch (Throwable failure) {
                        throw new AssertionError(describe(target, seed, i, input) + ": " + failure, failure);
                    }
                }
                progress.start(-1, null);
            });
            while (true) {
                try {
                    run.get(1, TimeUnit.SECONDS);
                    return count;
                } catch (TimeoutException stillRunning) {
                    if (progress.runningFor().compareTo(inputTimeout) > 0) {
                        run.cancel(true);
                        throw new AssertionError(describe(target, seed, progress.index, progress.input)
                                + ": still running after " + inputTimeout + " (an endless loop?)");
                    }
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AssertionError failure) {
                        throw failure;
                    }
                    throw new AssertionError(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        } finally {
            runner.shutdownNow();
        }
    }

    /** Text of any UTF-16 code units: ASCII, controls, non-ASCII, pairs and lone surrogates. */
    public static String randomText(Random random) {
        int length = random.nextInt(4) == 0 ? random.nextInt(300) : random.nextInt(12);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append((char) (0x80 + random.nextInt(0xD800 - 0x80)));
                case 2 -> text.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000));
                case 3 -> text.append((char) (0xD800 + random.nextInt(0x800)));
                default -> text.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return text.toString();
    }

    /** Describes a failing input, and writes it under {@code target/fuzz-failures/<target>/}. */
    private static String describe(String target, long seed, int index, byte[] input) {
        String saved = "";
        try {
            Path dir = Paths.get("target", "fuzz-failures", target);
            Files.createDirectories(dir);
            Path file = dir.resolve("seed-" + seed + "-input-" + index + ".bin");
            Files.write(file, input);
            saved = ", saved as " + file.toAbsolutePath();
        } catch (IOException | RuntimeException e) {
            saved = ", not saved: " + e;
        }
        return "fuzz target " + target + ", seed " + seed + ", input #" + index + " (" + input.length + " bytes"
                + saved + "): \"" + escape(input) + "\" base64 " + Base64.getEncoder().encodeToString(input);
    }

    /** The bytes as Java string-literal text (printable ASCII as is, the rest as escapes), cut at 2,000. */
    public static String escape(byte[] input) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < input.length && out.length() < 2_000; i++) {
            int b = input[i] & 0xFF;
            switch (b) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (b >= 0x20 && b < 0x7F) {
                        out.append((char) b);
                    } else {
                        out.append(String.format("\\x%02X", b));
                    }
                }
            }
        }
        return out.toString();
    }

    /** One to four mutations of {@code parent}, none making it longer than {@code maxLength}. */
    public static byte[] mutate(Random random, byte[] parent, List<byte[]> corpus, int maxLength) {
        Bytes bytes = new Bytes(parent);
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int size = bytes.size();
            int at = random.nextInt(size + 1);
            switch (random.nextInt(11)) {
                case 0 -> { // flip a bit
                    if (size > 0) {
                        int i = random.nextInt(size);
                        bytes.set(i, (byte) (bytes.get(i) ^ (1 << random.nextInt(8))));
                    }
                }
                case 1 -> { // a random byte in place of one
                    if (size > 0) {
                        bytes.set(random.nextInt(size), (byte) random.nextInt(256));
                    }
                }
                case 2 -> bytes.insert(at, new byte[] {(byte) random.nextInt(256)});
                case 3, 4 -> bytes.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
                case 5 -> { // delete a range
                    if (size > 0) {
                        int from = random.nextInt(size);
                        bytes.delete(from, Math.min(size, from + 1 + random.nextInt(Math.min(size - from, 64))));
                    }
                }
                case 6 -> { // duplicate a range, maybe many times (long lines, deep nesting)
                    if (size > 0) {
                        int from = random.nextInt(size);
                        int to = Math.min(size, from + 1 + random.nextInt(32));
                        byte[] piece = bytes.slice(from, to);
                        int times = random.nextInt(4) == 0 ? 1 + random.nextInt(512) : 1;
                        for (int t = 0; t < times && bytes.size() + piece.length <= maxLength; t++) {
                            bytes.insert(to, piece);
                        }
                    }
                }
                case 7 -> { // splice in part of another input
                    byte[] other = corpus.get(random.nextInt(corpus.size()));
                    if (other.length > 0) {
                        int from = random.nextInt(other.length);
                        int to = Math.min(other.length, from + 1 + random.nextInt(other.length - from));
                        bytes.insert(at, java.util.Arrays.copyOfRange(other, from, to));
                    }
                }
                case 8 -> bytes.truncate(at); // cut the end off
                case 9 -> { // line ends changed: LF, CR or CRLF in place of one another
                    for (int i = 0; i < bytes.size(); i++) {
                        if (bytes.get(i) == '\n' && random.nextInt(3) == 0) {
                            bytes.set(i, random.nextBoolean() ? (byte) '\r' : (byte) '\n');
                            if (random.nextBoolean()) {
                                bytes.insert(i, new byte[] {'\r'});
                                i++;
                            }
                        }
                    }
                }
                default -> { // an ASCII digit or letter changed: ids, codes, names
                    if (size > 0) {
                        int i = random.nextInt(size);
                        byte b = bytes.get(i);
                        if (b >= '0' && b <= '9') {
                            bytes.set(i, (byte) ('0' + random.nextInt(10)));
                        } else if (b >= 'a' && b <= 'z') {
                            bytes.set(i, (byte) ('a' + random.nextInt(26)));
                        }
                    }
                }
            }
            if (bytes.size() > maxLength) {
                bytes.truncate(maxLength);
            }
        }
        return bytes.toArray();
    }

    /** A growable byte array, just what {@link #mutate} needs. */
    private static final class Bytes {
        private byte[] data;
        private int size;

        Bytes(byte[] initial) {
            data = java.util.Arrays.copyOf(initial, Math.max(16, initial.length * 2));
            size = initial.length;
        }

        int size() {
            return size;
        }

        byte get(int i) {
            return data[i];
        }

        void set(int i, byte b) {
            data[i] = b;
        }

        byte[] slice(int from, int to) {
            return java.util.Arrays.copyOfRange(data, from, to);
        }

        void insert(int at, byte[] piece) {
            if (size + piece.length > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + piece.length));
            }
            System.arraycopy(data, at, data, at + piece.length, size - at);
            System.arraycopy(piece, 0, data, at, piece.length);
            size += piece.length;
        }

        void delete(int from, int to) {
            System.arraycopy(data, to, data, from, size - to);
            size -= to - from;
        }

        void truncate(int length) {
            size = Math.min(size, length);
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }

    /** Which input is running since when, for the hang guard. */
    private static final class Progress {
        private volatile int index = -1;
        private volatile byte[] input;
        private volatile long startedNanos = System.nanoTime();

        void start(int index, byte[] input) {
            this.input = input;
            this.index = index;
            this.startedNanos = System.nanoTime();
        }

        Duration runningFor() {
            return index < 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - startedNanos);
        }
    }
}
