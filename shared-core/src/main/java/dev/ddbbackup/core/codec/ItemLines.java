package dev.ddbbackup.core.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonGeneratorImpl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes and reads the data line of a backup. By default that is {@code {"Item":{...}}}, exactly the
 * line shape of DynamoDB's native S3 export ({@code DYNAMODB_JSON}), so {@code ImportTable} can load
 * our data files unchanged; a backup may instead use AWS Data Pipeline's line (see
 * {@link ItemLineFormat}).
 *
 * <p>A {@code DYNAMODB_JSON} line holds one JSON object with the single field {@code Item}; the
 * attribute map inside follows {@link DynamoDbJsonCodec}. A {@code DATA_PIPELINE} line is the
 * attribute map itself, with Data Pipeline's type keys. For whole files use {@link ItemLineWriter}
 * and {@link ItemLineReader}.
 */
public final class ItemLines {

    private static final SerializableString ITEM_FIELD = new SerializedString(DynamoDbJsonCodec.ITEM_ROOT);

    private ItemLines() {
    }

    /**
     * Writes {@code {"Item":{...}}} without a line terminator; the caller writes the newline
     * (for example {@code gen.writeRaw('\n')}).
     *
     * <p>This clears the generator's root value separator: Jackson otherwise puts a space before
     * every root-level value after the first, which would start each following line with a space.
     *
     * @throws MalformedItemException if the item breaks a type rule (see
     *     {@link DynamoDbJsonCodec#writeItem}); the generator's output must then be discarded
     */
    public static void writeLine(JsonGenerator gen, Map<String, AttributeValue> item) throws IOException {
        writeLine(gen, item, ItemLineFormat.DYNAMODB_JSON);
    }

    /**
     * Writes the line of an item in {@code format}, without a line terminator; otherwise as
     * {@link #writeLine(JsonGenerator, Map)}.
     */
    public static void writeLine(JsonGenerator gen, Map<String, AttributeValue> item, ItemLineFormat format)
            throws IOException {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(format, "format");
        // Only Jackson's JSON generators have a separator; others would throw if asked to drop it.
        if (gen instanceof JsonGeneratorImpl) {
            gen.setRootValueSeparator(null);
        }
        switch (format) {
            case DYNAMODB_JSON -> {
                gen.writeStartObject();
                gen.writeFieldName(ITEM_FIELD);
                DynamoDbJsonCodec.writeItem(gen, item);
                gen.writeEndObject();
            }
            case DATA_PIPELINE -> DynamoDbJsonCodec.writeItemWithDataPipelineTypeKeys(gen, item);
            default -> throw new IllegalArgumentException("no line writer for " + format);
        }
    }

    /**
     * Returns the line for an item, {@code {"Item":{...}}}, without a trailing newline.
     *
     * @throws MalformedItemException if the item breaks a type rule
     */
    public static String toLine(Map<String, AttributeValue> item) {
        return toLine(item, ItemLineFormat.DYNAMODB_JSON);
    }

    /**
     * Returns the line for an item in {@code format}, without a trailing newline.
     *
     * @throws MalformedItemException if the item breaks a type rule
     */
    public static String toLine(Map<String, AttributeValue> item, ItemLineFormat format) {
        // Generate UTF-8 bytes, as ItemLineWriter does, so the string is exactly a data file's
        // line: the byte generator escapes surrogates where a character generator would not.
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = DynamoDbJsonCodec.JSON_FACTORY.createGenerator(out)) {
            writeLine(gen, item, format);
        } catch (IOException e) {
            // A ByteArrayOutputStream does not fail; this would be a bug in the generator.
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Reads the item of one line (with or without its line terminator).
     *
     * @return the attributes in line order
     * @throws MalformedItemException if the line is not exactly one {@code {"Item":{...}}} object
     *     that follows the type rules; the message has no line number
     */
    public static Map<String, AttributeValue> fromLine(String line) {
        return fromLine(line, ItemLineFormat.DYNAMODB_JSON);
    }

    /**
     * Reads the item of one line in {@code format} (with or without its line terminator).
     *
     * @return the attributes in line order
     * @throws MalformedItemException if the line is not exactly one line object of that format that
     *     follows the type rules; the message has no line number
     */
    public static Map<String, AttributeValue> fromLine(String line, ItemLineFormat format) {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(format, "format");
        try (JsonParser parser = DynamoDbJsonCodec.JSON_FACTORY.createParser(line)) {
            return readLine(parser, 0, format);
        } catch (IOException e) {
            // Parsing a String does no I/O; parse errors were already translated by readLine.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads one whole line in {@code format} from a parser over exactly that line.
     *
     * @param lineNumber 1-based, or 0 when unknown
     */
    static Map<String, AttributeValue> readLine(JsonParser parser, long lineNumber, ItemLineFormat format)
            throws IOException {
        return switch (format) {
            case DYNAMODB_JSON -> readItemLine(parser, lineNumber);
            case DATA_PIPELINE -> readDataPipelineLine(parser, lineNumber);
        };
    }

    private static Map<String, AttributeValue> readItemLine(JsonParser parser, long lineNumber) throws IOException {
        try {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw lineProblem(lineNumber, token == null
                        ? "blank line, expected {\"Item\":{...}}"
                        : "expected a JSON object {\"Item\":{...}}, found " + DynamoDbJsonCodec.describe(token));
            }
            token = parser.nextToken();
            if (token != JsonToken.FIELD_NAME) {
                throw lineProblem(lineNumber, "line object has no field 'Item'");
            }
            if (!DynamoDbJsonCodec.ITEM_ROOT.equals(parser.currentName())) {
                throw lineProblem(lineNumber, "unexpected field '" + PathSegments.printable(parser.currentName())
                        + "', expected only 'Item'");
            }
            Map<String, AttributeValue> item = DynamoDbJsonCodec.readItem(parser, DynamoDbJsonCodec.ITEM_ROOT, lineNumber);
            token = parser.nextToken();
            if (token == JsonToken.FIELD_NAME) {
                throw lineProblem(lineNumber, "unexpected field '" + PathSegments.printable(parser.currentName())
                        + "' after 'Item'");
            }
            if (parser.nextToken() != null) {
                throw lineProblem(lineNumber, "unexpected content after the line's JSON object");
            }
            return item;
        } catch (JsonProcessingException e) {
            throw lineProblem(lineNumber, JsonErrors.nearColumn(e));
        }
    }

    /** A line that is one attribute map object, type keys in any case; paths still start at {@code Item}. */
    private static Map<String, AttributeValue> readDataPipelineLine(JsonParser parser, long lineNumber)
            throws IOException {
        try {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw lineProblem(lineNumber, token == null
                        ? "blank line, expected {\"attribute\":{\"s\":...},...}"
                        : "expected a JSON object {\"attribute\":{\"s\":...},...}, found " + DynamoDbJsonCodec.describe(token));
            }
            Map<String, AttributeValue> item = DynamoDbJsonCodec.readItem(parser, DynamoDbJsonCodec.ITEM_ROOT, lineNumber, true);
            if (parser.nextToken() != null) {
                throw lineProblem(lineNumber, "unexpected content after the line's JSON object");
            }
            return item;
        } catch (JsonProcessingException e) {
            throw lineProblem(lineNumber, JsonErrors.nearColumn(e));
        }
    }

    private static MalformedItemException lineProblem(long lineNumber, String reason) {
        return new MalformedItemException(lineNumber, null, reason);
    }
}
