package dev.intake.domain.callback;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A callback URL as a client gives it: absolute, {@code http} or {@code https}, with a host, without user
 * information, at most {@value #MAX_LENGTH} characters. Nothing is resolved here: whether the host may be reached
 * is {@link AllowedHosts}' to say.
 */
public record CallbackAddress(URI uri, String host) {

    public static final int MAX_LENGTH = 2000;

    /** Reads a URL, or refuses it with a sentence saying what is wrong. */
    public static CallbackAddress parse(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidCallbackException("'callbackUrl' is empty; give an http or https URL, or leave it out.");
        }
        if (url.length() > MAX_LENGTH) {
            throw new InvalidCallbackException("'callbackUrl' is " + url.length() + " characters long; at most "
                    + MAX_LENGTH + " are allowed.");
        }
        URI uri = toUri(url.strip());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidCallbackException("'callbackUrl' must be an http or https URL such as"
                    + " https://erp.example.com/intake-done; got '" + url + "'.");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidCallbackException("'callbackUrl' names no host: '" + url + "'.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidCallbackException("'callbackUrl' must not carry a user name or password; the"
                    + " X-Intake-Signature header authenticates the callback.");
        }
        return new CallbackAddress(uri, uri.getHost().toLowerCase(Locale.ROOT));
    }

    private static URI toUri(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidCallbackException("'callbackUrl' is not a valid URL: " + e.getMessage() + ".");
        }
    }
}
