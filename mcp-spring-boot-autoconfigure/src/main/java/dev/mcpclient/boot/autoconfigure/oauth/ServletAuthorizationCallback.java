package dev.mcpclient.boot.autoconfigure.oauth;

import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/** The callback endpoint in a servlet (Spring MVC) application. */
final class ServletAuthorizationCallback {

    private ServletAuthorizationCallback() {
    }

    /** {@code GET path}: completes the pending authorization of {@code handler} the callback belongs to. */
    static RouterFunction<ServerResponse> route(String path, WebAuthorizationCodeHandler handler) {
        return RouterFunctions.route().GET(path, request -> {
            AuthorizationCallback.Answer answer = AuthorizationCallback.handle(handler, request.uri());
            return ServerResponse.status(answer.status())
                    .contentType(AuthorizationCallback.HTML)
                    .headers(AuthorizationCallback::headers)
                    .body(answer.page());
        }).build();
    }
}
