package dev.mcpclient.interop.report;

import dev.mcpclient.McpClientStatus.ProtocolEra;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a test class: the peer and transport its tests run against (a column of the interop table), the
 * protocol era its clients must end up speaking there, and the protocol version they are built with.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
public @interface Against {

    /** What {@link #protocolVersion()} says when the clients are left to find the era themselves. */
    String AUTO = "auto";

    /** The peer and transport. */
    Peer value();

    /**
     * The era every client of the class must speak once connected (checked after each test): what the
     * class proves its features in.
     */
    ProtocolEra era();

    /** {@code McpClientBuilder.protocolVersion}: {@link #AUTO} (the default), or a revision the clients are pinned to. */
    String protocolVersion() default AUTO;
}
