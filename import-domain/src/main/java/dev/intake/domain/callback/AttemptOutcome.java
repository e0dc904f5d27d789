package dev.intake.domain.callback;

/**
 * How one attempt went: delivered (a 2xx answer), failed and worth trying again, or failed for a reason that no
 * later attempt can change ({@code last}), such as a host that is no longer allowed.
 */
record AttemptOutcome(Integer statusCode, String error, boolean delivered, boolean last) {

    static AttemptOutcome answered(int statusCode) {
        boolean ok = statusCode >= 200 && statusCode < 300;
        String error = ok ? null : "The receiver answered HTTP " + statusCode
                + (statusCode >= 300 && statusCode < 400 ? "; redirects are not followed" : "") + ".";
        return new AttemptOutcome(statusCode, error, ok, false);
    }

    static AttemptOutcome unreachable(String error) {
        return new AttemptOutcome(null, error, false, false);
    }

    static AttemptOutcome impossible(String error) {
        return new AttemptOutcome(null, error, false, true);
    }
}
