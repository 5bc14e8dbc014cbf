package dev.mcpclient.samples.quickstart;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The quick start: connects to every server under {@code mcp.client.servers} (or, with none
 * configured, to a demo server it starts itself), lists the tools, calls a few and exits.
 *
 * <pre>
 * java -jar samples/target/mcp-client-samples.jar
 * java -jar samples/target/mcp-client-samples.jar --mcp.client.servers.mine.url=http://localhost:8080/mcp
 * java -Dspring.aot.enabled=true -jar samples/target/mcp-client-samples.jar
 * </pre>
 *
 * <p>The build processes it ahead of time ({@code spring-boot:process-aot}), so the jar also runs on the
 * generated bean definitions ({@code -Dspring.aot.enabled=true}), as a native image would.
 */
@SpringBootApplication
public class QuickstartApplication {

    /** Runs the quick start and exits with its exit code. */
    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = run(args);
        } catch (SpringApplication.AbandonedRunException e) {
            throw e; // ahead-of-time processing (spring-boot:process-aot) stops the run here on purpose
        } catch (RuntimeException e) {
            // The start failed, and Spring Boot has logged why. Exit all the same: the demo server's SDK
            // transport leaves a thread behind (its session sweeper's scheduler) that would keep the JVM up.
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    /** Runs the application to its end; returns the exit code. */
    static int run(String... args) {
        SpringApplication application = new SpringApplication(QuickstartApplication.class);
        application.addInitializers(new DemoServerInitializer());
        return SpringApplication.exit(application.run(args));
    }
}
