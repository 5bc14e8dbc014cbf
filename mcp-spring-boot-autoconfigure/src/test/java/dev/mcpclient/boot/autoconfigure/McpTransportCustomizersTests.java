package dev.mcpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.transport.TransportBuilder;
import dev.mcpclient.transport.http.HttpTransportBuilder;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import dev.mcpclient.transport.stdio.StdioTransport;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;

/** How the builder type of a customizer is found: from its class, else from its bean's declared type. */
class McpTransportCustomizersTests {

    private static final ResolvableType RAW = ResolvableType.forClass(McpTransportCustomizer.class);

    private static ResolvableType declared(Class<?> builder) {
        return ResolvableType.forClassWithGenerics(McpTransportCustomizer.class, builder);
    }

    static final class StdioOnly implements McpTransportCustomizer<StdioTransport.Builder> {
        @Override
        public void customize(String server, StdioTransport.Builder builder) {
        }
    }

    @Test
    void theClassDecidesWhenItNamesTheBuilderType() {
        assertThat(McpTransportCustomizers.builderType(new StdioOnly(), null)).isEqualTo(StdioTransport.Builder.class);
        assertThat(McpTransportCustomizers.builderType(new StdioOnly(), declared(StreamableHttpTransport.Builder.class)))
                .isEqualTo(StdioTransport.Builder.class);
        assertThat(McpTransportCustomizers.builderType(new McpTransportCustomizer<HttpTransportBuilder<?>>() {
            @Override
            public void customize(String server, HttpTransportBuilder<?> builder) {
            }
        }, RAW)).isEqualTo(HttpTransportBuilder.class);
    }

    @Test
    void aLambdaTakesTheTypeItsBeanDeclares() {
        McpTransportCustomizer<StdioTransport.Builder> lambda = (server, builder) -> { };
        assertThat(McpTransportCustomizers.builderType(lambda, declared(StdioTransport.Builder.class)))
                .isEqualTo(StdioTransport.Builder.class);
        assertThat(McpTransportCustomizers.builderType(lambda, ResolvableType.forClassWithGenerics(
                McpTransportCustomizer.class, ResolvableType.forClassWithGenerics(HttpTransportBuilder.class,
                        ResolvableType.forClass(StreamableHttpTransport.Builder.class)))))
                .isEqualTo(HttpTransportBuilder.class);
    }

    @Test
    void aLambdaOfUnknownTypeIsOfferedEveryBuilder() {
        McpTransportCustomizer<StdioTransport.Builder> lambda = (server, builder) -> { };
        assertThat(McpTransportCustomizers.builderType(lambda, null)).isEqualTo(TransportBuilder.class);
        assertThat(McpTransportCustomizers.builderType(lambda, RAW)).isEqualTo(TransportBuilder.class);
    }
}
