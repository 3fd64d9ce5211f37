package dev.ddbbackup.recovery.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.ddbbackup.core.codec.DynamoDbJsonCodec;
import dev.ddbbackup.core.codec.DynamoDbNumbers;
import dev.ddbbackup.core.codec.JsonErrors;
import dev.ddbbackup.core.codec.MalformedItemException;
import dev.ddbbackup.core.format.CorruptBackupException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Streams the items of one AWS Data Pipeline DynamoDB export file: one JSON object per line,
 * {@code {"attr":{"s":"v"},"n2":{"n":"1"}}}, type keys in any case (read by
 * {@link DynamoDbJsonCodec#readItemIgnoringTypeKeyCase}). Gzip files are recognised by their magic
 * bytes. Only the current item is held in memory.
 *
 * <p>Every problem is a {@link CorruptBackupException} naming the file and line, never a value.
 * Numbers are checked against DynamoDB's limits and sets must not be empty, so a file that
 * DynamoDB would refuse half-way through a restore is refused while verifying.
 */
final class DataPipelineLineReader implements Closeable {

    private static final int BUFFER = 64 * 1024;
    private static final String PATH_ROOT = "Item";

    private final InputStream in;
    private final String location;
    private JsonParser parser;
    private int lineNumber;
    private int lastItemEndLine;

    /** Reads {@code raw}, which it closes; {@code location} names the file in errors. */
    DataPipelineLineReader(InputStream raw, String location) {
        this.in = raw;
        this.location = location;
    }

    /** The next item, or null at the end of the file. */
    Map<String, AttributeValue> next() throws IOException {
        try {
            if (parser == null) {
                parser = SourceJson.FACTORY.createParser(decompressed(in));
            }
            JsonToken token = parser.nextToken();
            if (token == null) {
                return null;
            }
            lineNumber = parser.currentTokenLocation().getLineNr();
            if (lineNumber == lastItemEndLine) {
                throw corrupt("more than one item on the line; a Data Pipeline export has one item per line");
            }
            if (token != JsonToken.START_OBJECT) {
                throw corrupt("not a JSON object; a Data Pipeline export line is {\"attribute\":{\"s\":...},...}");
            }
            Map<String, AttributeValue> item = DynamoDbJsonCodec.readItemIgnoringTypeKeyCase(parser, PATH_ROOT);
            lastItemEndLine = parser.currentLocation().getLineNr();
            if (item.isEmpty()) {
                throw corrupt("item without attributes");
            }
            for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
                String problem = problem(attribute.getValue(), new StringBuilder(PATH_ROOT).append('.').append(SourceJson.printable(attribute.getKey())));
                if (problem != null) {
                    throw corrupt(problem);
                }
            }
            return item;
        } catch (MalformedItemException e) {
            throw corrupt(e.getMessage());
        } catch (JsonProcessingException e) {
            throw new CorruptBackupException(location, JsonErrors.atLineAndColumn(e));
        } catch (ZipException e) {
            throw new CorruptBackupException(location, "is not a valid gzip file (" + e.getMessage() + ")");
        } catch (EOFException e) {
            throw new CorruptBackupException(location, "is cut short (the gzip stream ends early)");
        }
    }

    /** The 1-based line of the last item returned. */
    long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        }
        in.close();
    }

    private static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, BUFFER) : buffered;
    }

    /** What DynamoDB would refuse in a value that parsed, with its path; null when nothing. */
    private static String problem(AttributeValue value, StringBuilder path) {
        switch (value.type()) {
            case N -> {
                return DynamoDbNumbers.isValidNumber(value.n()) ? null : notANumber(path);
            }
            case NS -> {
                List<String> numbers = value.ns();
                for (int i = 0; i < numbers.size(); i++) {
                    if (!DynamoDbNumbers.isValidNumber(numbers.get(i))) {
                        return notANumber(path.append(".NS[").append(i).append(']'));
                    }
                }
                return numbers.isEmpty() ? emptySet(path) : null;
            }
            case SS -> {
                return value.ss().isEmpty() ? emptySet(path) : null;
            }
            case BS -> {
                return value.bs().isEmpty() ? emptySet(path) : null;
            }
            case L -> {
                List<AttributeValue> elements = value.l();
                for (int i = 0; i < elements.size(); i++) {
                    int length = path.length();
                    String problem = problem(elements.get(i), path.append(".L[").append(i).append(']'));
                    if (problem != null) {
                        return problem;
                    }
                    path.setLength(length);
                }
                return null;
            }
            case M -> {
                for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
                    int length = path.length();
                    String problem = problem(entry.getValue(), path.append(".M.").append(SourceJson.printable(entry.getKey())));
                    if (problem != null) {
                        return problem;
                    }
                    path.setLength(length);
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private static String notANumber(StringBuilder path) {
        return "at " + path + ": not a valid DynamoDB number (more than " + DynamoDbNumbers.MAX_SIGNIFICANT_DIGITS
                + " significant digits, magnitude outside 1E-130 to 1E+126, or not a number)";
    }

    private static String emptySet(StringBuilder path) {
        return "at " + path + ": empty set; DynamoDB sets hold at least one element";
    }

    private CorruptBackupException corrupt(String problem) {
        return new CorruptBackupException(location, "line " + lineNumber + ": " + problem);
    }
}
