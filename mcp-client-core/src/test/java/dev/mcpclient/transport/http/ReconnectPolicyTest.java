package dev.mcpclient.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    private final ReconnectPolicy policy = new ReconnectPolicy(Duration.ofMillis(100), Duration.ofMillis(1000), 3);

    @Test
    void theServersRetryIsUsedExactly() {
        assertThat(policy.delay(1234L, 0)).isEqualTo(Duration.ofMillis(1234));
        assertThat(policy.delay(5L, 7)).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void backoffDoublesWithJitterAndIsCapped() {
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delay(null, 0).toMillis()).isBetween(50L, 100L);
            assertThat(policy.delay(null, 2).toMillis()).isBetween(200L, 400L);
            assertThat(policy.delay(null, 30).toMillis()).isBetween(500L, 1000L);
        }
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
