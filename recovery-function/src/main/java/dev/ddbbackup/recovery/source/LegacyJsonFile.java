package dev.ddbbackup.recovery.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.ddbbackup.core.codec.DynamoDbNumbers;
import dev.ddbbackup.core.codec.JsonErrors;
import dev.ddbbackup.core.format.CorruptBackupException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the seed backup function's "version 2.0" document from a stream,
 * {@code {table_name, backup_timestamp, item_count, data:[...], checksum, version}}, holding one
 * item of {@code data} at a time. Fields may come in any order; Python writes {@code checksum} and
 * {@code version} after {@code data}, so the checksum is computed while streaming and compared at
 * the end.
 *
 * <p>Items become DynamoDB items as the file holds them: string to S, number to N with the text
 * as written, true/false to BOOL, null to NULL, array to L, object to M. Errors are
 * {@link CorruptBackupException}s naming the file and, inside {@code data}, the item index and
 * attribute path; they never quote values.
 */
final class LegacyJsonFile {

    /** The only version of the format there is. */
    static final String FORMAT_VERSION = "2.0";

    private static final String DATA = "data";
    private static final String CHECKSUM = "checksum";
    private static final String VERSION = "version";
    private static final String ITEM_COUNT = "item_count";
    private static final List<String> REQUIRED_FIELDS =
            List.of("table_name", "backup_timestamp", ITEM_COUNT, DATA, CHECKSUM, VERSION);
    private static final Set<String> STRING_FIELDS = Set.of("table_name", "backup_timestamp", CHECKSUM, VERSION);

    private LegacyJsonFile() {
    }

    /**
     * Reads a whole document and checks it: required fields present, version 2.0, every item an
     * object that maps to a DynamoDB item, the item count and the checksum as Python computes it.
     * Every item is passed to {@code inspector} as a put, in file order.
     *
     * @return the number of items
     */
    static long verify(InputStream in, String location, Consumer<ItemOperation> inspector) throws IOException {
        try (Document document = new Document(in, location)) {
            PythonJsonDigest digest = new PythonJsonDigest();
            long count = 0;
            PlainJson item;
            while ((item = document.nextItem()) != null) {
                digest.add(item);
                ItemOperation operation = ItemOperation.put(toItem(item, count, location));
                count++;
                inspector.accept(operation);
            }
            document.finish();
            document.requireComplete();
            String actual = digest.finishHex();
            if (!actual.equals(document.checksum)) {
                throw new CorruptBackupException(location, "checksum mismatch: the data hashes to " + actual
                        + " (SHA-256 of Python's json.dumps(data, sort_keys=True, default=str)), the file says "
                        + SourceJson.printable(document.checksum) + "; the file was changed or damaged after it was written");
            }
            if (document.itemCount != count) {
                throw new CorruptBackupException(location, "item_count says " + document.itemCount
                        + " but data holds " + count + " items");
            }
            return count;
        }
    }

    /**
     * Streams the items as puts without checking the checksum or count ({@link #verify} does that);
     * a damaged item or a document without {@code data} still fails with CorruptBackupException.
     */
    static OperationReader operations(InputStream in, String location) {
        Document document = new Document(in, location);
        return new OperationReader() {
            private long index;

            @Override
            public ItemOperation next() throws IOException {
                PlainJson item = document.nextItem();
                if (item == null) {
                    if (!document.sawData) {
                        throw document.corrupt("has no 'data' field; it is not a version " + FORMAT_VERSION + " legacy backup");
                    }
                    return null;
                }
                return ItemOperation.put(toItem(item, index++, location));
            }

            @Override
            public void close() throws IOException {
                document.close();
            }
        };
    }

    /**
     * The {@code item_count} field, when it comes before {@code data} in the (possibly cut-off)
     * input, as Python writes it; empty when it does not or the input is not such a document.
     */
    static OptionalLong peekItemCount(InputStream in) throws IOException {
        try (JsonParser parser = SourceJson.FACTORY.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return OptionalLong.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (name.equals(DATA)) {
                    return OptionalLong.empty();
                }
                if (name.equals(ITEM_COUNT)) {
                    return token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                            && parser.getLongValue() >= 0
                            ? OptionalLong.of(parser.getLongValue())
                            : OptionalLong.empty();
                }
                parser.skipChildren();
            }
            return OptionalLong.empty();
        } catch (JsonProcessingException e) {
            // A cut-off prefix or a foreign file: verify reports what is wrong with the whole file.
            return OptionalLong.empty();
        }
    }

    /** Maps one element of {@code data} to a DynamoDB item. */
    static Map<String, AttributeValue> toItem(PlainJson element, long index, String location) {
        if (!(element instanceof PlainJson.Obj object)) {
            throw new CorruptBackupException(location, "data[" + index + "] is " + PlainJson.kind(element)
                    + ", not an object; every item of a legacy backup is a JSON object");
        }
        if (object.members().isEmpty()) {
            throw new CorruptBackupException(location, "data[" + index + "] is an empty object; an item needs at least its key attributes");
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (Map.Entry<String, PlainJson> attribute : object.members().entrySet()) {
            try {
                item.put(attribute.getKey(), toValue(attribute.getValue()));
            } catch (PlainJson.Problem problem) {
                throw new CorruptBackupException(location, "data[" + index + "], attribute '"
                        + SourceJson.printable(attribute.getKey()) + problem.path() + "': " + problem.reason());
            }
        }
        return item;
    }

    private static AttributeValue toValue(PlainJson value) {
        if (value instanceof PlainJson.Str str) {
            return AttributeValue.fromS(str.value());
        }
        if (value instanceof PlainJson.Num num) {
            if (!num.isFinite()) {
                throw new PlainJson.Problem("the producer wrote a non-finite float (NaN or infinity), which no "
                        + "DynamoDB number can hold; edit the item in the file or restore without it");
            }
            if (!DynamoDbNumbers.isValidNumber(num.text())) {
                throw new PlainJson.Problem("number is not a valid DynamoDB number (more than "
                        + DynamoDbNumbers.MAX_SIGNIFICANT_DIGITS + " significant digits, or magnitude outside 1E-130 to 1E+126)");
            }
            return AttributeValue.fromN(num.text());
        }
        if (value instanceof PlainJson.Bool bool) {
            return AttributeValue.fromBool(bool.value());
        }
        if (value instanceof PlainJson.Null) {
            return AttributeValue.fromNul(true);
        }
        if (value instanceof PlainJson.Arr arr) {
            List<AttributeValue> elements = new ArrayList<>(arr.elements().size());
            for (PlainJson element : arr.elements()) {
                try {
                    elements.add(toValue(element));
                } catch (PlainJson.Problem problem) {
                    throw problem.under(PlainJson.Problem.index(elements.size()));
                }
            }
            return AttributeValue.fromL(elements);
        }
        Map<String, AttributeValue> members = new LinkedHashMap<>();
        for (Map.Entry<String, PlainJson> member : ((PlainJson.Obj) value).members().entrySet()) {
            try {
                members.put(member.getKey(), toValue(member.getValue()));
            } catch (PlainJson.Problem problem) {
                throw problem.under(PlainJson.Problem.key(member.getKey()));
            }
        }
        return AttributeValue.fromM(members);
    }

    /** The token stream of one document, positioned between fields or inside {@code data}. */
    private static final class Document implements Closeable {

        private final InputStream in;
        private final String location;
        private JsonParser parser;
        private final Set<String> seen = new HashSet<>();
        private boolean inData;
        private boolean sawData;
        private boolean ended;
        private long index;
        private String checksum;
        private String version;
        private long itemCount = -1;

        Document(InputStream in, String location) {
            this.in = in;
            this.location = location;
        }

        /** The next element of {@code data}, or null once {@code data} has ended (or the document has none). */
        PlainJson nextItem() throws IOException {
            try {
                if (parser == null) {
                    start();
                }
                if (!inData) {
                    if (sawData || ended || !advanceToData()) {
                        return null;
                    }
                }
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY) {
                    inData = false;
                    return null;
                }
                PlainJson item;
                try {
                    item = PlainJson.read(parser);
                } catch (PlainJson.Problem problem) {
                    throw corrupt("data[" + index + "]" + problem.path() + ": " + problem.reason());
                }
                index++;
                return item;
            } catch (JsonProcessingException e) {
                throw corrupt((inData ? "data[" + index + "]: " : "") + JsonErrors.atLineAndColumn(e));
            }
        }

        /** Reads the fields after {@code data} and checks that nothing follows the document. */
        void finish() throws IOException {
            try {
                if (parser == null) {
                    start();
                }
                while (inData) {
                    if (nextItem() == null) {
                        break;
                    }
                }
                if (!ended) {
                    readFields(false);
                }
                if (parser.nextToken() != null) {
                    throw corrupt("has content after the end of the JSON document");
                }
            } catch (JsonProcessingException e) {
                throw corrupt(JsonErrors.atLineAndColumn(e));
            }
        }

        /** Checks that every field the format requires was there. */
        void requireComplete() {
            List<String> missing = REQUIRED_FIELDS.stream().filter(field -> !seen.contains(field)).toList();
            if (!missing.isEmpty()) {
                throw corrupt("lacks the field(s) " + missing + " that every version " + FORMAT_VERSION
                        + " legacy backup has; it was not written by the seed backup function or was cut short");
            }
        }

        private void start() throws IOException {
            parser = SourceJson.FACTORY.createParser(in);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw corrupt("is not a JSON object; a legacy backup is one object {table_name, ..., data, checksum, version}");
            }
        }

        private boolean advanceToData() throws IOException {
            readFields(true);
            return inData;
        }

        /** Reads fields until {@code data} starts (when {@code stopAtData}) or the object ends. */
        private void readFields(boolean stopAtData) throws IOException {
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (!seen.add(name)) {
                    throw corrupt("has the field '" + SourceJson.printable(name) + "' twice");
                }
                token = parser.nextToken();
                if (name.equals(DATA)) {
                    if (token != JsonToken.START_ARRAY) {
                        throw corrupt("field 'data' must be an array of items");
                    }
                    sawData = true;
                    inData = true;
                    if (stopAtData) {
                        return;
                    }
                    while (nextItem() != null) {
                        // items after the first pass are not wanted here
                    }
                } else {
                    readHeaderField(name, token);
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw corrupt("is not a well-formed JSON object");
            }
            ended = true;
        }

        private void readHeaderField(String name, JsonToken token) throws IOException {
            if (STRING_FIELDS.contains(name) && token != JsonToken.VALUE_STRING) {
                throw corrupt("field '" + name + "' must be a string");
            }
            switch (name) {
                case CHECKSUM -> checksum = parser.getText();
                case VERSION -> {
                    version = parser.getText();
                    if (!version.equals(FORMAT_VERSION)) {
                        throw corrupt("is version '" + SourceJson.printable(version) + "' of the legacy backup format; only version "
                                + FORMAT_VERSION + " (written by the seed backup function) can be read");
                    }
                }
                case ITEM_COUNT -> {
                    if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                            || parser.getLongValue() < 0) {
                        throw corrupt("field 'item_count' must be a non-negative integer");
                    }
                    itemCount = parser.getLongValue();
                }
                default -> parser.skipChildren();
            }
        }

        CorruptBackupException corrupt(String message) {
            return new CorruptBackupException(location, message);
        }

        @Override
        public void close() throws IOException {
            if (parser != null) {
                parser.close();
            }
            in.close();
        }
    }
}
