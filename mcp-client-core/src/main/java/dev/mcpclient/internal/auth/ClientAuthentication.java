package dev.mcpclient.internal.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.net.URLEncoder;
import org.springframework.http.HttpHeaders;

/**
 * How the client authenticates a request to the token endpoint (OAuth 2.1 section 2.4): it adds what
 * it needs to the form and the headers. A strategy per {@code token_endpoint_auth_method}:
 * {@code client_secret_basic}, {@code client_secret_post}, {@code none} and {@code private_key_jwt}
 * (RFC 7523 section 2.2, a new signed client assertion per request).
 */
public interface ClientAuthentication {

    /** The method's name as OAuth metadata names it. */
    String method();

    /**
     * Adds the client's credentials to the token request's {@code form} and {@code headers}.
     *
     * @param audience the authorization server's issuer identifier (the {@code aud} of a client
     *     assertion; the token endpoint URL when the server has no metadata)
     */
    void authenticate(ClientRegistration client, String audience, Map<String, String> form, HttpHeaders headers);

    /** The methods this client implements with a client secret (or none), in the order it prefers them. */
    List<String> SUPPORTED = List.of("client_secret_basic", "client_secret_post", "none");

    /** The method of a client that signs its own assertions. */
    String PRIVATE_KEY_JWT = "private_key_jwt";

    /**
     * The strategy of {@code method}; {@code key} signs the assertions of {@code private_key_jwt}
     * ({@code null} when the client has none). An error for a method this client cannot use.
     */
    static ClientAuthentication of(String method, SigningKey key) {
        if (PRIVATE_KEY_JWT.equals(method)) {
            if (key == null) {
                throw new IllegalArgumentException("private_key_jwt needs the client's private key");
            }
            return new PrivateKeyJwt(key);
        }
        return of(method);
    }

    /** The strategy of {@code method} among {@link #SUPPORTED}; an error for any other. */
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

    /**
     * The method of a pre-registered client: {@code private_key_jwt} when it has a signing key and the
     * server lists that method (or the client has no secret to fall back on), else as {@link #choose}.
     */
    static String choose(boolean hasSecret, boolean hasKey, List<String> supported) {
        if (hasKey && (supported.contains(PRIVATE_KEY_JWT) || !hasSecret)) {
            return PRIVATE_KEY_JWT;
        }
        return choose(hasSecret, supported);
    }

    /** {@code client_secret_basic}: HTTP Basic with the form-url-encoded id and secret (RFC 6749 section 2.3.1). */
    final class SecretBasic implements ClientAuthentication {
        @Override
        public String method() {
            return "client_secret_basic";
        }

        @Override
        public void authenticate(ClientRegistration client, String audience, Map<String, String> form, HttpHeaders headers) {
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
        public void authenticate(ClientRegistration client, String audience, Map<String, String> form, HttpHeaders headers) {
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
        public void authenticate(ClientRegistration client, String audience, Map<String, String> form, HttpHeaders headers) {
            if (client.clientId() != null) {
                form.put("client_id", client.clientId()); // a JWT bearer grant may come without a client id
            }
        }
    }

    /**
     * {@code private_key_jwt}: a client assertion signed with the client's key, {@code aud} the
     * authorization server's issuer (RFC 7523bis, as SEP-1046 asks); no secret, no {@code client_id}.
     */
    final class PrivateKeyJwt implements ClientAuthentication {
        private final SigningKey key;

        PrivateKeyJwt(SigningKey key) {
            this.key = key;
        }

        @Override
        public String method() {
            return PRIVATE_KEY_JWT;
        }

        @Override
        public void authenticate(ClientRegistration client, String audience, Map<String, String> form, HttpHeaders headers) {
            form.putAll(new ClientAssertions(client.clientId(), key).formFields(audience).asMap());
        }
    }
}
