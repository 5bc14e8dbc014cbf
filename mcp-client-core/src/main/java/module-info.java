/**
 * The MCP client: protocol types, the JSON-RPC session and the transports. The exported packages are
 * the API; {@code dev.mcpclient.internal.*} is not, and may change in any release.
 */
module dev.mcpclient.core {
    requires transitive reactor.core;
    requires transitive org.reactivestreams;
    requires transitive spring.webflux;
    requires transitive spring.web;
    requires transitive spring.core;
    requires transitive tools.jackson.databind;
    requires transitive tools.jackson.core;
    requires com.fasterxml.jackson.annotation;
    requires reactor.netty.core;
    requires reactor.netty.http;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.codec.http;
    requires org.slf4j;
    requires com.networknt.schema;
    requires com.nimbusds.jose.jwt;

    exports dev.mcpclient;
    exports dev.mcpclient.schema;
    exports dev.mcpclient.auth;
    exports dev.mcpclient.jsonrpc;
    exports dev.mcpclient.transport;
    exports dev.mcpclient.transport.http;
    exports dev.mcpclient.transport.stdio;

    // Jackson reads and writes the protocol records.
    opens dev.mcpclient.schema to tools.jackson.databind;
}
