package dev.ddbbackup.core.errors;

/**
 * The one-line text of an error, for results, notifications and the CLI's single error line: the
 * first line of its message (later lines hold stack-like detail), or its type when it has none.
 */
public final class ErrorText {

    private ErrorText() {}

    public static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
