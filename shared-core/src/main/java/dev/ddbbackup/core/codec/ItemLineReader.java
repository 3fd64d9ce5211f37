package dev.ddbbackup.core.codec;

import com.fasterxml.jackson.core.JsonParser;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Streams items out of a data file of newline-delimited {@code {"Item":{...}}} lines (ours or a
 * DynamoDB native export's), or of another {@link ItemLineFormat}'s lines, one at a time, reporting
 * malformed input by line number.
 *
 * <p>Use: call {@link #next()} until it returns {@code null}. Only the current line is held in
 * memory; the buffer grows to the longest line, up to {@value #MAX_LINE_LENGTH} bytes (chars for
 * a {@link Reader}), which leaves ample room for a 400 KB item even when every character of it is
 * escaped. Lines end with {@code \n}; a {@code \r} before it is dropped. Blank lines are allowed
 * only at the end of the input, where a trailing newline or two is harmless; a blank line
 * between items means the file was damaged or concatenated, so it is an error.
 *
 * <p>Not thread-safe. Once {@link #next()} has thrown, the reader's position is unspecified;
 * close it.
 */
public final class ItemLineReader implements Closeable {

    /** The longest line accepted, so a file without newlines cannot exhaust memory. */
    public static final int MAX_LINE_LENGTH = 16 * 1024 * 1024;

    private static final int INITIAL_BUFFER = 64 * 1024;

    private final ByteLines source;
    private final ItemLineFormat format;
    private long lineNumber;
    private long firstBlankLine;

    /**
     * Reads UTF-8 lines from {@code in}; invalid UTF-8 is reported as malformed, never replaced.
     * {@link #close()} closes {@code in}.
     */
    public ItemLineReader(InputStream in) {
        this(in, ItemLineFormat.DYNAMODB_JSON);
    }

    /**
     * Reads UTF-8 lines of {@code format} from {@code in}, under the same rules as
     * {@link #ItemLineReader(InputStream)}. {@link #close()} closes {@code in}.
     */
    public ItemLineReader(InputStream in, ItemLineFormat format) {
        this.source = new ByteLines(Objects.requireNonNull(in, "in"));
        this.format = Objects.requireNonNull(format, "format");
    }

    /**
     * Returns the item on the next line, or {@code null} at the end of the input.
     *
     * @throws MalformedItemException if the line is not a valid line of the format, is
     *     longer than {@link #MAX_LINE_LENGTH}, or is blank with items after it; the message
     *     starts with {@code line N}
     * @throws IOException if reading the underlying input fails
     */
    public Map<String, AttributeValue> next() throws IOException {
        while (source.advance(lineNumber + 1)) {
            lineNumber++;
            if (source.isBlank()) {
                if (firstBlankLine == 0) {
                    firstBlankLine = lineNumber;
                }
                continue;
            }
            if (firstBlankLine != 0) {
                throw new MalformedItemException(firstBlankLine, null, "blank line between items");
            }
            try (JsonParser parser = source.parser()) {
                return ItemLines.readLine(parser, lineNumber, format);
            }
        }
        return null;
    }

    /** The 1-based number of the last line read: after {@link #next()}, the line of its item. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Closes the underlying input. */
    @Override
    public void close() throws IOException {
        source.close();
    }

    private static MalformedItemException tooLong(long lineNumber) {
        return new MalformedItemException(lineNumber, null,
                "line is longer than " + MAX_LINE_LENGTH + " bytes");
    }

    /**
     * Lines of UTF-8 bytes, parsed straight from the byte buffer: Jackson's byte parser is its
     * fastest, and it rejects invalid UTF-8 inside the line it belongs to, so the error carries
     * the right line number (a decoding Reader would fail wherever its read-ahead happened to be).
     * Splitting bytes on '\n' is safe in UTF-8, where 0x0A never occurs inside a character.
     */
    private static final class ByteLines implements Closeable {

        private final InputStream in;
        private byte[] buffer = new byte[INITIAL_BUFFER];
        private int position;
        private int limit;
        private int lineStart;
        private int lineEnd;
        private boolean endOfInput;

        ByteLines(InputStream in) {
            this.in = in;
        }

        public boolean advance(long nextLineNumber) throws IOException {
            int scanFrom = position;
            while (true) {
                for (int i = scanFrom; i < limit; i++) {
                    if (buffer[i] == '\n') {
                        setLine(position, i);
                        position = i + 1;
                        return true;
                    }
                }
                if (endOfInput) {
                    if (position == limit) {
                        return false;
                    }
                    setLine(position, limit);
                    position = limit;
                    return true;
                }
                scanFrom = limit - position;
                fill(nextLineNumber);
            }
        }

        /** Moves the unread bytes to the front, grows the buffer if it is full, and reads more. */
        private void fill(long nextLineNumber) throws IOException {
            if (position > 0) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            }
            if (limit == buffer.length) {
                if (buffer.length >= MAX_LINE_LENGTH) {
                    throw tooLong(nextLineNumber);
                }
                buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_LINE_LENGTH));
            }
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                endOfInput = true;
            } else {
                limit += read;
            }
        }

        private void setLine(int start, int end) {
            lineStart = start;
            lineEnd = end > start && buffer[end - 1] == '\r' ? end - 1 : end;
        }

        public boolean isBlank() {
            for (int i = lineStart; i < lineEnd; i++) {
                byte b = buffer[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }

        public JsonParser parser() throws IOException {
            return DynamoDbJsonCodec.JSON_FACTORY.createParser(buffer, lineStart, lineEnd - lineStart);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
