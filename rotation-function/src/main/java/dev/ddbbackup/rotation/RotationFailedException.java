package dev.ddbbackup.rotation;

import java.util.List;

/** Thrown by the handler after notifying when any table failed, so Lambda counts the invocation as an error. */
public final class RotationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RotationFailedException(RotationRunResult result) {
        super(message(result));
    }

    private static String message(RotationRunResult result) {
        List<String> failed = result.failedTables();
        String head = failed.isEmpty() ? "rotation failed to report its result" : "rotation failed for " + String.join(", ", failed);
        return head + ":\n" + result.summary();
    }
}
