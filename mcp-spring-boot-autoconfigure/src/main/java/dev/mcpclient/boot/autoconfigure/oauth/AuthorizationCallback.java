package dev.mcpclient.boot.autoconfigure.oauth;

import dev.mcpclient.auth.AuthorizationCodeHandler.AuthorizationResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * What the callback endpoint answers the browser, for WebFlux and servlet applications alike: a small
 * page, 200 when the callback completed a pending authorization, 400 when its {@code state} is unknown
 * or expired. The pages are constant (nothing of the request is echoed), are not cached, and send no
 * referrer (the callback URL holds the code).
 */
final class AuthorizationCallback {

    static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    private static final String AUTHORIZED = page("Authorized",
            "The application is authorized. You can close this window.");
    private static final String NOT_GRANTED = page("Not authorized",
            "The authorization was not granted. You can close this window.");
    private static final String UNKNOWN = page("Unknown authorization",
            "This authorization is unknown or has expired. Start it again from the application.");

    private AuthorizationCallback() {
    }

    /** Completes the authorization {@code callback} (the full request URI) belongs to, and says what to answer. */
    static Answer handle(WebAuthorizationCodeHandler handler, URI callback) {
        if (!handler.complete(callback)) {
            return new Answer(400, UNKNOWN);
        }
        return new Answer(200, AuthorizationResponse.fromRedirect(callback).error() == null ? AUTHORIZED : NOT_GRANTED);
    }

    /** Headers of every answer: neither cached nor passed on as a referrer. */
    static void headers(HttpHeaders headers) {
        headers.setCacheControl("no-store");
        headers.set("Referrer-Policy", "no-referrer");
    }

    private static String page(String title, String text) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + title + "</title></head>\n<body><p>"
                + text + "</p></body></html>\n";
    }

    /** The status and page to answer. */
    record Answer(int status, String page) {
    }
}
