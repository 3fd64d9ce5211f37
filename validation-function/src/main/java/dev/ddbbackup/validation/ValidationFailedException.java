package dev.ddbbackup.validation;

/** Thrown by the handler when a check FAILed or could not be reported, after notifying, so Lambda counts an error. */
public class ValidationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ValidationFailedException(ValidationReport report) {
        super(report.headline() + "\n" + report.summary());
    }
}
