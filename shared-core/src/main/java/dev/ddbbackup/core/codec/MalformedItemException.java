package dev.ddbbackup.core.codec;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reports an item that cannot be read from, or written as, DynamoDB JSON, saying where: the
 * 1-based line number when known and the attribute path (for example
 * {@code Item.tags.L[2].M.x}).
 *
 * <p>Messages name attributes, paths and type keys only, never attribute values, because items
 * may hold personal or secret data and these messages end up in logs. For the same reason the
 * JSON parser's own exception is not chained: its message quotes the offending input.
 */
public class MalformedItemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long lineNumber;
    private final String path;
    private final String reason;

    /**
     * Creates an exception for a problem found at a known line and attribute path.
     *
     * @param lineNumber 1-based line number, or 0 when the input has no lines
     * @param path attribute path such as {@code Item.a.L[0]}, or null when the problem is not
     *     inside an item
     * @param reason what is wrong, without attribute values
     */
    public MalformedItemException(long lineNumber, String path, String reason) {
        super(message(lineNumber, path, reason));
        this.lineNumber = lineNumber;
        this.path = path;
        this.reason = reason;
    }

    /** Creates an exception for a problem found at an attribute path of an item that has no line. */
    public MalformedItemException(String path, String reason) {
        this(0, path, reason);
    }

    /** The 1-based line number of the offending line, when the item came from a line. */
    public OptionalLong lineNumber() {
        return lineNumber > 0 ? OptionalLong.of(lineNumber) : OptionalLong.empty();
    }

    /** The attribute path of the offending value, when the problem is inside an item. */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    /** What is wrong, without the line number and path. */
    public String reason() {
        return reason;
    }

    private static String message(long lineNumber, String path, String reason) {
        StringBuilder message = new StringBuilder();
        if (lineNumber > 0) {
            message.append("line ").append(lineNumber);
        }
        if (path != null) {
            message.append(message.length() > 0 ? ", at " : "at ").append(path);
        }
        if (message.length() > 0) {
            message.append(": ");
        }
        return message.append(reason).toString();
    }
}
