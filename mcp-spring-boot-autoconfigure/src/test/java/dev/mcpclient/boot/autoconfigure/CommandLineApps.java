package dev.mcpclient.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** Starting a test application from {@code --name=value} arguments, defaults overridden by name. */
public final class CommandLineApps {

    private CommandLineApps() {
    }

    /** {@code defaults} with {@code more} added, each replacing a default of the same name. */
    public static List<String> arguments(List<String> defaults, String... more) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String argument : defaults) {
            byName.put(argument.substring(0, argument.indexOf('=')), argument);
        }
        for (String argument : more) {
            byName.put(argument.substring(0, argument.indexOf('=')), argument);
        }
        return List.copyOf(byName.values());
    }

    /** Runs {@code app} as a non-web application with {@code arguments}. */
    public static ConfigurableApplicationContext run(Class<?> app, List<String> arguments) {
        SpringApplication application = new SpringApplication(app);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application.run(arguments.toArray(String[]::new));
    }
}
