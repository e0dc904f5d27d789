package dev.intake.domain.importing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The practical checks for email addresses, phone numbers and web addresses. They catch what people really get
 * wrong in spreadsheets (a name in the email column, a note in the phone column) without claiming to implement
 * every corner of the RFCs.
 */
final class ContactDetails {

    private static final String LOCAL_PART_SYMBOLS = "!#$%&'*+/=?^_`{|}~.-";
    private static final String PHONE_PUNCTUATION = " \u00A0()-./";
    private static final Pattern PHONE_EXTENSION =
            Pattern.compile("(?i)[\\s\u00A0]*(?:x|ext\\.?|extension)[\\s\u00A0]*\\d{1,6}$");
    private static final Pattern OTHER_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:(?!\\d)");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");

    private ContactDetails() {
    }

    /** One {@code @} between a local part without spaces and a domain of at least two valid labels. */
    static boolean isEmail(String text) {
        int at = text.indexOf('@');
        if (text.length() > 254 || at <= 0 || at != text.lastIndexOf('@')) {
            return false;
        }
        return isLocalPart(text.substring(0, at)) && isDomain(text.substring(at + 1));
    }

    /**
     * At least three digits, only phone punctuation between them, an optional leading + and extension. The
     * number is checked as it is first: most have no extension, and only a letter (never part of a number) makes
     * it worth looking for one.
     */
    static boolean isPhone(String text) {
        return isNumber(text) || hasLetter(text) && isNumber(PHONE_EXTENSION.matcher(text).replaceFirst(""));
    }

    private static boolean isNumber(String number) {
        int digits = 0;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (!(c == '+' && i == 0) && PHONE_PUNCTUATION.indexOf(c) < 0) {
                return false;
            }
        }
        return digits >= 3;
    }

    /** An http or https address, or a bare domain with an optional path, that {@link URI} accepts. */
    static boolean isWebAddress(String text) {
        if (text.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        boolean http = lower.startsWith("http://") || lower.startsWith("https://");
        if (!http && OTHER_SCHEME.matcher(text).lookingAt()) {
            return false;
        }
        try {
            String host = new URI(http ? text : "http://" + text).getHost();
            return host != null && isHost(host);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isLocalPart(String local) {
        if (local.length() > 64 || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (!Character.isLetterOrDigit(c) && LOCAL_PART_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHost(String host) {
        return host.equals("localhost") || host.startsWith("[") || IPV4.matcher(host).matches() || isDomain(host);
    }

    private static boolean isDomain(String domain) {
        String[] labels = domain.split("\\.", -1);
        if (domain.length() > 253 || labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!isDomainLabel(label)) {
                return false;
            }
        }
        String topLevel = labels[labels.length - 1];
        return topLevel.length() >= 2 && hasLetter(topLevel);
    }

    private static boolean isDomainLabel(String label) {
        if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Checked with a loop: every email and phone of an import passes here, and a stream costs more than this. */
    private static boolean hasLetter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
