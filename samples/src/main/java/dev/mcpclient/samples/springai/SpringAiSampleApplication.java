package dev.mcpclient.samples.springai;

import dev.mcpclient.samples.quickstart.DemoServerInitializer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring AI sample: a {@code ChatClient} whose model may call the tools of every server under
 * {@code mcp.client.servers} (or, with none configured, of the quick start's demo server, started on a
 * loopback port). It asks one question ({@code sample.question}), prints each round of the tool loop
 * and the model's answer, and exits.
 *
 * <p>The model is the application's {@code ChatModel} bean, which a Spring AI model starter provides
 * (build with {@code -Popenai} or {@code -Pollama}); without one, {@link DemoChatModel}, a
 * deterministic stand-in that is not an AI model, plays its part.
 *
 * <pre>
 * java -Dloader.main=dev.mcpclient.samples.springai.SpringAiSampleApplication -jar samples/target/mcp-client-samples.jar
 * </pre>
 *
 * <p>Its settings are in {@code application-springai.yml}, read on top of the quick start's
 * {@code application.yml} through the {@code springai} profile, which this class turns on.
 */
@SpringBootApplication
public class SpringAiSampleApplication {

    /** Runs the sample and exits with its exit code (1 when a server could not be used or the chat failed). */
    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = run(args);
        } catch (RuntimeException e) {
            // The start failed, and Spring Boot has logged why. Exit all the same: the demo server's SDK
            // transport leaves a thread behind (its session sweeper's scheduler) that would keep the JVM up.
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    /** Runs the application to its end; returns the exit code. */
    static int run(String... args) {
        return SpringApplication.exit(application(SpringAiSampleApplication.class).run(args));
    }

    /** The application of these sources, with the sample's profile and its demo server. */
    static SpringApplication application(Class<?>... sources) {
        SpringApplication application = new SpringApplication(sources);
        application.setAdditionalProfiles("springai");
        application.addInitializers(new DemoServerInitializer());
        return application;
    }
}
