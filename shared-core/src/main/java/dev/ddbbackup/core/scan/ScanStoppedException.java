package dev.ddbbackup.core.scan;

/** A scan stopped before the end because the run's deadline came near; nothing is wrong with the data. */
public class ScanStoppedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ScanStoppedException(String message) {
        super(message);
    }
}
