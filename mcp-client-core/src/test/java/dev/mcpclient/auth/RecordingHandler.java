package dev.mcpclient.auth;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * An {@link AuthorizationCodeHandler} that records each authorization URL and answers as the
 * authorization server would: the code {@code code-N}, the request's state, and the iss the test chooses.
 */
final class RecordingHandler implements AuthorizationCodeHandler {

    final CopyOnWriteArrayList<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final Function<Map<String, String>, AuthorizationResponse> answer;

    RecordingHandler(Function<Map<String, String>, AuthorizationResponse> answer) {
        this.answer = answer;
    }

    /** Answers with the code, the state as sent and {@code iss} (or none for {@code null}). */
    static RecordingHandler answering(String iss) {
        return new RecordingHandler(q -> new AuthorizationResponse("code-1", q.get("state"), iss, null, null));
    }

    @Override
    public Mono<AuthorizationResponse> authorize(URI authorizationUrl, URI redirectUri) {
        Map<String, String> query = AuthServers.query(authorizationUrl.getRawQuery());
        requests.add(query);
        return Mono.fromSupplier(() -> answer.apply(query));
    }

    Map<String, String> last() {
        return requests.get(requests.size() - 1);
    }
}
