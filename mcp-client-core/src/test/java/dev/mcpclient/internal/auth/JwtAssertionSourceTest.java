package dev.mcpclient.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class JwtAssertionSourceTest {

    @TempDir
    Path dir;

    @Test
    void aFileIsReadAnewEachTimeOffTheCallersThread() throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, "first.jwt.sig\n");
        JwtAssertionSource source = JwtAssertionSource.file(file);

        StepVerifier.create(source.assertion()).expectNext("first.jwt.sig").verifyComplete();
        Files.writeString(file, "  rotated.jwt.sig  ");
        StepVerifier.create(source.assertion()).expectNext("rotated.jwt.sig").verifyComplete();
        StepVerifier.create(source.assertion().map(jwt -> Schedulers.isInNonBlockingThread()))
                .expectNext(false).verifyComplete();
    }

    @Test
    void aMissingOrEmptyFileIsAnErrorNamingTheFile() throws IOException {
        Path missing = dir.resolve("missing");
        StepVerifier.create(JwtAssertionSource.file(missing).assertion())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IOException.class)
                        .hasMessageContaining(missing.toString()).hasMessageContaining("NoSuchFileException"))
                .verify();
        Path empty = Files.writeString(dir.resolve("empty"), " \n");
        StepVerifier.create(JwtAssertionSource.file(empty).assertion())
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("is empty"))
                .verify();
    }

    @Test
    void aFixedAssertionIsGivenAsItIs() {
        StepVerifier.create(JwtAssertionSource.of("a.b.c").assertion()).expectNext("a.b.c").verifyComplete();
    }
}
