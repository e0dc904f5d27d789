package dev.intake.domain.callback;

/** What one attempt sends: the delivery's URL, the token whose secret signs it, and the body's exact bytes. */
record PreparedCallback(String jobId, String url, String tokenId, byte[] body) {
}
