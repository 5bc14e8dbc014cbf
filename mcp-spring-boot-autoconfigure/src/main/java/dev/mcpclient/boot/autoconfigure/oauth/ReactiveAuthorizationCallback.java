package dev.mcpclient.boot.autoconfigure.oauth;

import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The callback endpoint in a WebFlux application. */
final class ReactiveAuthorizationCallback {

    private ReactiveAuthorizationCallback() {
    }

    /** {@code GET path}: completes the pending authorization of {@code handler} the callback belongs to. */
    static RouterFunction<ServerResponse> route(String path, WebAuthorizationCodeHandler handler) {
        return RouterFunctions.route(RequestPredicates.GET(path), request -> {
            AuthorizationCallback.Answer answer = AuthorizationCallback.handle(handler, request.uri());
            return ServerResponse.status(answer.status())
                    .contentType(AuthorizationCallback.HTML)
                    .headers(AuthorizationCallback::headers)
                    .bodyValue(answer.page());
        });
    }
}
