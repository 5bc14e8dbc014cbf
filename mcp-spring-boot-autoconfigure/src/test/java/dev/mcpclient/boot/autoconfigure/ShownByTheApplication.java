package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.testing.ThrowableText;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What an application shows besides its log, for the audits that no secret is shown: every observation
 * that stopped and every application event, each as text ({@link #texts()}), recorded by the beans of
 * {@link Recording}; and exceptions: {@code ThrowableText}.
 */
public final class ShownByTheApplication implements ObservationHandler<Observation.Context>,
        ApplicationListener<ApplicationEvent> {

    private final List<String> observations = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    /** The observations that stopped, each with its names, key values and error. */
    public List<String> observations() {
        return observations;
    }

    /** The application events published, each as its type and {@code toString()}. */
    public List<String> events() {
        return events;
    }

    /** The observations and the events. */
    public List<String> texts() {
        List<String> texts = new CopyOnWriteArrayList<>(observations);
        texts.addAll(events);
        return texts;
    }

    @Override
    public void onStop(Observation.Context context) {
        observations.add(context.getName() + " " + context.getContextualName() + " " + context.getAllKeyValues() + " "
                + (context.getError() == null ? "" : ThrowableText.of(context.getError())) + " " + context);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return true;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        events.add(event.getClass().getName() + " " + event + " " + event.getSource());
    }

    /** Records what the application shows: import it into the application under test. */
    @Configuration(proxyBeanMethods = false)
    public static class Recording {

        @Bean
        ShownByTheApplication shownByTheApplication() {
            return new ShownByTheApplication();
        }

        @Bean
        TestObservationRegistry observationRegistry(ShownByTheApplication shown) {
            TestObservationRegistry registry = TestObservationRegistry.create();
            registry.observationConfig().observationHandler(shown);
            return registry;
        }
    }
}
