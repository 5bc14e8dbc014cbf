package dev.mcpclient.internal.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.net.URLEncoder;
import org.springframework.http.HttpHeaders;

/**
 * How the client authenticates a request to the token endpoint (OAuth 2.1 section 2.4): it adds what
 * it needs to the form and the headers. A strategy per {@code token_endpoint_auth_method};
 * {@code private_key_jwt} (RFC 7523) is one more implementation of this interface.
 */
public interface ClientAuthentication {

    /** The method's name as OAuth metadata names it. */
    String method();

    /** Adds the client's credentials to the token request's {@code form} and {@code headers}. */
    void authenticate(ClientRegistration client, Map<String, String> form, HttpHeaders headers);

    /** The methods this client implements, in the order it prefers them. */
    List<String> SUPPORTED = List.of("client_secret_basic", "client_secret_post", "none");

    /** The strategy of {@code method}; an error for a method this client does not implement. */
    static ClientAuthentication of(String method) {
        switch (method) {
            case "client_secret_basic":
                return new SecretBasic();
            case "client_secret_post":
                return new SecretPost();
            case "none":
                return new PublicClient();
            default:
                throw new IllegalArgumentException("unsupported token endpoint authentication method " + method);
        }
    }

    /**
     * The method to use with a client that has (or has not) a secret at an authorization server that
     * supports {@code supported}: the first of {@link #SUPPORTED} it lists, {@code none} for a client
     * without a secret.
     */
    static String choose(boolean hasSecret, List<String> supported) {
        if (!hasSecret) {
            return "none";
        }
        for (String method : SUPPORTED) {
            if (!method.equals("none") && supported.contains(method)) {
                return method;
            }
        }
        return "client_secret_basic";
    }

    /** {@code client_secret_basic}: HTTP Basic with the form-url-encoded id and secret (RFC 6749 section 2.3.1). */
    final class SecretBasic implements ClientAuthentication {
        @Override
        public String method() {
            return "client_secret_basic";
        }

        @Override
        public void authenticate(ClientRegistration client, Map<String, String> form, HttpHeaders headers) {
            String pair = encode(client.clientId()) + ":" + encode(client.clientSecret() == null ? "" : client.clientSecret());
            headers.set(HttpHeaders.AUTHORIZATION,
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    /** {@code client_secret_post}: the id and secret in the form. */
    final class SecretPost implements ClientAuthentication {
        @Override
        public String method() {
            return "client_secret_post";
        }

        @Override
        public void authenticate(ClientRegistration client, Map<String, String> form, HttpHeaders headers) {
            form.put("client_id", client.clientId());
            form.put("client_secret", client.clientSecret() == null ? "" : client.clientSecret());
        }
    }

    /** {@code none}: a public client names itself in the form. */
    final class PublicClient implements ClientAuthentication {
        @Override
        public String method() {
            return "none";
        }

        @Override
        public void authenticate(ClientRegistration client, Map<String, String> form, HttpHeaders headers) {
            form.put("client_id", client.clientId());
        }
    }
}
