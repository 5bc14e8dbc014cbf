package dev.mcpclient.internal.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Where a JWT bearer grant's assertion comes from, asked again before each token request: a workload's
 * identity token (workload identity federation, SEP-1933) is short-lived and rotated by its platform,
 * often in a file (a Kubernetes projected service account token, a cloud metadata agent's file).
 */
@FunctionalInterface
public interface JwtAssertionSource {

    /** The current assertion, compact JWT form; an error when there is none. */
    Mono<String> assertion();

    /** A fixed assertion (a test, or a token the application renews itself). */
    static JwtAssertionSource of(String jwt) {
        ClientAssertions.requireText(jwt, "jwt");
        return () -> Mono.just(jwt);
    }

    /**
     * The content of {@code file}, read anew each time on a bounded-elastic thread (file reads block),
     * surrounding white space removed. A missing, unreadable or empty file is an error naming the file.
     */
    static JwtAssertionSource file(Path file) {
        Objects.requireNonNull(file, "file");
        return () -> Mono.fromCallable(() -> {
            String jwt;
            try {
                jwt = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IOException("the assertion file " + file + " could not be read: " + e.getClass().getSimpleName(), e);
            }
            if (jwt.isEmpty()) {
                throw new IOException("the assertion file " + file + " is empty");
            }
            return jwt;
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
