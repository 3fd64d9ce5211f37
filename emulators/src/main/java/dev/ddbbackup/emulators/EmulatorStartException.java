package dev.ddbbackup.emulators;

/**
 * Signals that an emulator could not be started, with what was tried and where its log is, so a
 * failing test run says why instead of timing out later in the test itself.
 */
public class EmulatorStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the emulator and its log. */
    public EmulatorStartException(String message) {
        super(message);
    }

    /** Creates the exception with a message that names the emulator and its log, and the cause. */
    public EmulatorStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
