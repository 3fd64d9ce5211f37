package dev.ddbbackup.recovery.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.ddbbackup.core.codec.DynamoDbJsonCodec;
import dev.ddbbackup.core.codec.ItemEquivalence;
import dev.ddbbackup.core.codec.JsonErrors;
import dev.ddbbackup.core.codec.MalformedItemException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Streams the records of an incremental native export data file (decompressed) as operations: one
 * JSON object per line, {@code {"Metadata":{"WriteTimestampMicros":{"N":"..."}},"Keys":{...},
 * "OldImage":{...},"NewImage":{...}}}.
 *
 * <p>The export holds each changed item once, in its state at the end of the window: a record with
 * a {@code NewImage} puts that image; a record without one (a delete: {@code Keys} alone in the
 * NEW_IMAGE view, {@code Keys} and {@code OldImage} in NEW_AND_OLD_IMAGES) deletes {@code Keys}.
 * Every image is parsed and checked to hold the record's key; {@code Metadata} is checked to be an
 * object and otherwise not used.
 *
 * <p>One parser reads the whole stream, so memory is bounded by one record; line numbers come from
 * the parser and every record must start on the line after the previous one and end on its own
 * line, so a blank line or two records on one line (damage or concatenation) is an error, as in
 * {@link dev.ddbbackup.core.codec.ItemLineReader}. Problems are thrown as
 * {@link MalformedItemException} with the line number; messages never hold attribute values.
 */
final class IncrementalExportLines implements OperationReader {

    /**
     * Names are not interned (any number of distinct ones), parser locations never quote input, and
     * the parser leaves the stream open at its end: a verifier still drains it for the digest.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private final InputStream in;
    private final JsonParser parser;
    private long lastLine;

    /** Reads UTF-8 from {@code in}; {@link #close()} closes it. */
    IncrementalExportLines(InputStream in) throws IOException {
        this.in = in;
        this.parser = JSON.createParser(in);
    }

    @Override
    public ItemOperation next() throws IOException {
        long expected = lastLine + 1;
        JsonToken token = advance(expected);
        if (token == null) {
            return null;
        }
        long line = parser.currentTokenLocation().getLineNr();
        if (line == lastLine) {
            throw new MalformedItemException(line, null, "a second record on the same line");
        }
        if (line != expected) {
            throw new MalformedItemException(expected, null, "blank line between records");
        }
        if (token != JsonToken.START_OBJECT) {
            throw new MalformedItemException(line, null, "expected a JSON object {\"Keys\":{...},\"NewImage\":{...}}");
        }
        Map<String, AttributeValue> keys = null;
        Map<String, AttributeValue> newImage = null;
        Map<String, AttributeValue> oldImage = null;
        boolean metadata = false;
        while ((token = advance(line)) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            switch (name) {
                case "Keys" -> keys = readImage(line, name, keys);
                case "NewImage" -> newImage = readImage(line, name, newImage);
                case "OldImage" -> oldImage = readImage(line, name, oldImage);
                case "Metadata" -> {
                    if (metadata) {
                        throw twice(line, name);
                    }
                    metadata = true;
                    if (advance(line) != JsonToken.START_OBJECT) {
                        throw new MalformedItemException(line, "Metadata", "must be a JSON object");
                    }
                    skipChildren(line);
                }
                case "Item" -> throw new MalformedItemException(line, null, "a full export line {\"Item\":...} in an "
                        + "incremental export (manifest-summary.json says INCREMENTAL_EXPORT)");
                default -> throw new MalformedItemException(line, null,
                        "unexpected field; a record holds only Metadata, Keys, NewImage and OldImage");
            }
        }
        if (parser.currentLocation().getLineNr() != line) {
            throw new MalformedItemException(line, null, "the record does not end on its own line");
        }
        lastLine = line;
        return operation(line, keys, newImage, oldImage);
    }

    /** The 1-based line of the last record read. */
    long lineNumber() {
        return lastLine;
    }

    @Override
    public void close() throws IOException {
        try (in) {
            parser.close();
        }
    }

    private static ItemOperation operation(long line, Map<String, AttributeValue> keys,
            Map<String, AttributeValue> newImage, Map<String, AttributeValue> oldImage) {
        if (keys == null || keys.isEmpty()) {
            throw new MalformedItemException(line, "Keys", keys == null ? "missing" : "is empty");
        }
        if (keys.size() > 2) {
            throw new MalformedItemException(line, "Keys", "holds " + keys.size()
                    + " attributes; a table key has one or two");
        }
        holdsKey(line, "OldImage", oldImage, keys);
        holdsKey(line, "NewImage", newImage, keys);
        return newImage != null ? ItemOperation.put(newImage) : ItemOperation.delete(keys);
    }

    /** An image of the item must carry the item's key, with the same values. */
    private static void holdsKey(long line, String field, Map<String, AttributeValue> image,
            Map<String, AttributeValue> keys) {
        if (image == null) {
            return;
        }
        if (image.isEmpty()) {
            throw new MalformedItemException(line, field, "is empty");
        }
        for (Map.Entry<String, AttributeValue> key : keys.entrySet()) {
            AttributeValue value = image.get(key.getKey());
            if (value == null || !ItemEquivalence.equivalent(value, key.getValue())) {
                throw new MalformedItemException(line, field, "does not hold the record's Keys");
            }
        }
    }

    private Map<String, AttributeValue> readImage(long line, String field, Map<String, AttributeValue> previous)
            throws IOException {
        if (previous != null) {
            throw twice(line, field);
        }
        try {
            return DynamoDbJsonCodec.readItem(parser, field);
        } catch (MalformedItemException e) {
            // The codec does not know the line; its path starts at the field.
            throw new MalformedItemException(line, e.path().orElse(field), e.reason());
        }
    }

    private static MalformedItemException twice(long line, String field) {
        return new MalformedItemException(line, field, "appears twice in the record");
    }

    private JsonToken advance(long line) throws IOException {
        try {
            return parser.nextToken();
        } catch (JsonProcessingException e) {
            throw jsonProblem(line, e);
        }
    }

    private void skipChildren(long line) throws IOException {
        try {
            parser.skipChildren();
        } catch (JsonProcessingException e) {
            throw jsonProblem(line, e);
        }
    }

    /**
     * Says what is wrong without Jackson's message, which may quote the input. Inside a record the
     * record's own line is named: it must end on that line, so a problem found further on is still its.
     */
    private MalformedItemException jsonProblem(long line, JsonProcessingException e) {
        boolean inRecord = parser.getParsingContext().inObject() || parser.getParsingContext().inArray();
        JsonLocation at = e.getLocation();
        long atLine = at != null && at.getLineNr() > 0 ? at.getLineNr() : line;
        String where = atLine == line || !inRecord
                ? (at != null && at.getColumnNr() > 0 ? " near column " + at.getColumnNr() : "")
                : " (the record runs past the end of its line)";
        return new MalformedItemException(e instanceof JsonEOFException || inRecord ? line : atLine, null, JsonErrors.describe(e, where));
    }
}
