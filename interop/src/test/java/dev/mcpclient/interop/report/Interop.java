package dev.mcpclient.interop.report;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a test method: the row of the interop table it proves. The column comes from the test class
 * ({@link Against}). {@link InteropRecorder} records the outcome.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Interop {

    /** The feature the test proves. */
    Feature value();
}
