package dev.intake.domain.importing;

/**
 * This node no longer holds the job it was running: it fell silent for longer than the claim timeout and another
 * node took the job over from its checkpoint. The chunk in hand is rolled back and this node stops the job.
 */
public class ClaimLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClaimLostException(String jobId, String holder) {
        super("Import " + jobId + " is now run by node " + holder);
    }
}
