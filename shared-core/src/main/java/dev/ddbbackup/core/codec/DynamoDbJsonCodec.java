package dev.ddbbackup.core.codec;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts DynamoDB items ({@code Map<String, AttributeValue>}) to and from DynamoDB JSON, the
 * typed notation of DynamoDB's native S3 export ({@code {"pk":{"S":"a"},"n":{"N":"12.5"}}}); this
 * is the one place the type rules live.
 *
 * <p>The codec is lossless: {@code N} values are copied as the exact strings DynamoDB returned
 * (never through {@code double} or {@code BigDecimal}), binary is standard base64 with padding,
 * sets are JSON arrays, {@code NULL} is {@code {"NULL":true}}, and attribute order is kept.
 * Numbers are not validated here; use {@link DynamoDbNumbers#isValidNumber} on foreign input.
 *
 * <p>Reading is strict: every typed value must be an object with exactly one known type key and
 * a JSON value of the right kind, otherwise {@link MalformedItemException} names the attribute
 * path. Both directions stream through Jackson tokens; no tree is built.
 *
 * <p>AWS Data Pipeline's export notation is the same JSON with other type keys
 * ({@code {"s":"a"}}, {@code {"sS":[...]}}, {@code {"nULL":true}}): the same rules write it
 * ({@link #writeItemWithDataPipelineTypeKeys}) and read it ({@link #readItemIgnoringTypeKeyCase}).
 */
public final class DynamoDbJsonCodec {

    /**
     * The one factory behind every generator and parser of this package. The root value separator
     * is cleared because lines are separated by our own newline, not Jackson's default space;
     * auto-closing content is off so a failed write is not patched into plausible-looking JSON;
     * input is not quoted in parser locations because it may hold item values; attribute names
     * are not interned because tables can have any number of distinct ones.
     *
     * <p>JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8 stays off although it would write
     * emoji as 4 UTF-8 bytes instead of two JSON escapes (backslash-u): in Jackson 2.18 it merges a
     * lone high surrogate with the character after it, silently changing the string. The escapes
     * are plain JSON and decode to the same characters.
     */
    static final JsonFactory JSON_FACTORY = new JsonFactoryBuilder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .rootValueSeparator((String) null)
            .build();

    /** Root of error paths for a whole item, as in {@code Item.tags.L[2]}. */
    static final String ITEM_ROOT = "Item";

    /** Root of error paths for a single value, as in {@code value.M.x}. */
    static final String VALUE_ROOT = "value";

    /** DynamoDB JSON's type keys, as DynamoDB and its native export write them. */
    static final TypeKeys DYNAMODB_KEYS = new TypeKeys("S", "N", "B", "SS", "NS", "BS", "L", "M", "BOOL", "NULL");

    /**
     * AWS Data Pipeline's type keys: its export serialised the AWS SDK for Java 1.x's
     * {@code AttributeValue} by field name. Readers that bind those fields by name (as that SDK's
     * Gson-based import did) need exactly this case, so it is what we write.
     */
    static final TypeKeys DATA_PIPELINE_KEYS = new TypeKeys("s", "n", "b", "sS", "nS", "bS", "l", "m", "bOOL", "nULL");

    private static final AttributeValue NULL_VALUE = AttributeValue.fromNul(true);
    private static final AttributeValue TRUE_VALUE = AttributeValue.fromBool(true);
    private static final AttributeValue FALSE_VALUE = AttributeValue.fromBool(false);

    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private DynamoDbJsonCodec() {
    }

    /**
     * Writes an item as a DynamoDB JSON attribute map object {@code {"a":{"S":"x"},...}}.
     *
     * <p>If this throws, the generator has received part of the item and its output must be
     * discarded.
     *
     * @throws MalformedItemException if an attribute value has no type, more than one type, a
     *     {@code NULL} other than true, or a null name, value or set element
     */
    public static void writeItem(JsonGenerator gen, Map<String, AttributeValue> item) throws IOException {
        writeItem(gen, item, DYNAMODB_KEYS);
    }

    /**
     * Writes an item as an attribute map object with AWS Data Pipeline's type keys,
     * {@code {"a":{"s":"x"},"t":{"sS":["y"]},"z":{"nULL":true}}}: the counterpart of
     * {@link #readItemIgnoringTypeKeyCase}. Values are encoded exactly as by {@link #writeItem}.
     *
     * @throws MalformedItemException under the same conditions as {@link #writeItem}
     */
    public static void writeItemWithDataPipelineTypeKeys(JsonGenerator gen, Map<String, AttributeValue> item)
            throws IOException {
        writeItem(gen, item, DATA_PIPELINE_KEYS);
    }

    static void writeItem(JsonGenerator gen, Map<String, AttributeValue> item, TypeKeys keys) throws IOException {
        Objects.requireNonNull(item, "item");
        try {
            writeAttributeMap(gen, item, true, keys);
        } catch (Failure failure) {
            throw failure.toException(0, ITEM_ROOT);
        }
    }

    /**
     * Returns an item (or a key) as one DynamoDB JSON object, {@code {"id":{"S":"a"}}}: how results
     * name the keys of items that differ.
     *
     * @throws MalformedItemException under the same conditions as {@link #writeItem}
     */
    public static String toJson(Map<String, AttributeValue> item) {
        java.io.StringWriter out = new java.io.StringWriter(64);
        try (JsonGenerator gen = JSON_FACTORY.createGenerator(out)) {
            writeItem(gen, item);
        } catch (IOException e) {
            // A StringWriter does not fail; this would be a bug in the generator.
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes one typed value such as {@code {"N":"1E+3"}}.
     *
     * @throws MalformedItemException under the same conditions as {@link #writeItem}
     */
    public static void writeValue(JsonGenerator gen, AttributeValue value) throws IOException {
        try {
            writeTypedValue(gen, value, DYNAMODB_KEYS);
        } catch (Failure failure) {
            throw failure.toException(0, VALUE_ROOT);
        }
    }

    /**
     * Reads an attribute map object; error paths start at {@code Item}.
     *
     * <p>Positioning: if the parser's current token is the map's {@code START_OBJECT}, reading
     * starts there; otherwise (a new parser, or one on the field name {@code "Item"}) the next
     * token must be that {@code START_OBJECT}. On return the parser is on the map's matching
     * {@code END_OBJECT}.
     *
     * @return the attributes in input order, in a mutable {@link LinkedHashMap}
     * @throws MalformedItemException if the JSON is invalid or truncated, or breaks a type rule
     * @throws IOException if the underlying input fails
     */
    public static Map<String, AttributeValue> readItem(JsonParser parser) throws IOException {
        return readItem(parser, ITEM_ROOT, 0);
    }

    /**
     * Reads an attribute map object like {@link #readItem(JsonParser)}, naming error paths from
     * {@code pathRoot} (for example {@code NewImage} or {@code Keys} in incremental exports).
     */
    public static Map<String, AttributeValue> readItem(JsonParser parser, String pathRoot) throws IOException {
        return readItem(parser, pathRoot, 0);
    }

    /**
     * Reads one typed value such as {@code {"S":"x"}}; error paths start at {@code value}.
     * Positioning is as for {@link #readItem(JsonParser)}: on or just before the value's
     * {@code START_OBJECT}, and on its {@code END_OBJECT} on return.
     *
     * @throws MalformedItemException if the JSON is invalid or truncated, or breaks a type rule
     */
    public static AttributeValue readValue(JsonParser parser) throws IOException {
        try {
            startObject(parser, "a typed value object such as {\"S\":...}");
            return readTypedValueBody(parser, false);
        } catch (Failure failure) {
            throw failure.toException(0, VALUE_ROOT);
        } catch (JsonProcessingException e) {
            throw Failure.of(e).toException(0, VALUE_ROOT);
        }
    }

    /**
     * Reads an attribute map object like {@link #readItem(JsonParser, String)}, but matches type keys
     * without regard to ASCII case, as AWS Data Pipeline's DynamoDB export writes them
     * ({@code {"s":"x"}}, {@code {"sS":[...]}}, {@code {"nULL":true}}, {@code {"bOOL":false}}).
     * Every other rule is the same as for DynamoDB JSON.
     */
    public static Map<String, AttributeValue> readItemIgnoringTypeKeyCase(JsonParser parser, String pathRoot)
            throws IOException {
        return readItem(parser, pathRoot, 0, true);
    }

    static Map<String, AttributeValue> readItem(JsonParser parser, String pathRoot, long lineNumber)
            throws IOException {
        return readItem(parser, pathRoot, lineNumber, false);
    }

    static Map<String, AttributeValue> readItem(JsonParser parser, String pathRoot, long lineNumber,
            boolean anyCase) throws IOException {
        try {
            startObject(parser, "an attribute map object");
            return readAttributeMap(parser, true, anyCase);
        } catch (Failure failure) {
            throw failure.toException(lineNumber, pathRoot);
        } catch (JsonProcessingException e) {
            throw Failure.of(e).toException(lineNumber, pathRoot);
        }
    }

    /** Names a token's kind for messages; never its text. */
    static String describe(JsonToken token) {
        if (token == null) {
            return "end of input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case END_OBJECT -> "the end of an object";
            case END_ARRAY -> "the end of an array";
            case FIELD_NAME -> "a field name";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    // ---- writing ----

    private static void writeAttributeMap(JsonGenerator gen, Map<String, AttributeValue> map, boolean topLevel,
            TypeKeys keys) throws IOException {
        gen.writeStartObject();
        for (Map.Entry<String, AttributeValue> entry : map.entrySet()) {
            String name = entry.getKey();
            if (name == null) {
                throw new Failure(topLevel ? "attribute name is null" : "map key is null");
            }
            gen.writeFieldName(name);
            try {
                writeTypedValue(gen, entry.getValue(), keys);
            } catch (Failure failure) {
                throw failure.under(nameSegment(name, topLevel));
            }
        }
        gen.writeEndObject();
    }

    private static void writeTypedValue(JsonGenerator gen, AttributeValue value, TypeKeys keys) throws IOException {
        if (value == null) {
            throw new Failure("attribute value is null");
        }
        AttributeValue.Type type = value.type();
        if (type == null) {
            throw new Failure("attribute value has more than one type set");
        }
        switch (type) {
            case S -> writeScalar(gen, keys.s, value.s());
            case N -> writeScalar(gen, keys.n, value.n());
            case B -> {
                gen.writeStartObject();
                gen.writeFieldName(keys.b);
                writeBase64(gen, value.b());
                gen.writeEndObject();
            }
            case SS -> writeStrings(gen, keys.ss, "SS", value.ss());
            case NS -> writeStrings(gen, keys.ns, "NS", value.ns());
            case BS -> writeBinaries(gen, keys.bs, value.bs());
            case L -> writeList(gen, value.l(), keys);
            case M -> {
                gen.writeStartObject();
                gen.writeFieldName(keys.m);
                writeAttributeMap(gen, value.m(), false, keys);
                gen.writeEndObject();
            }
            case BOOL -> {
                gen.writeStartObject();
                gen.writeFieldName(keys.bool);
                gen.writeBoolean(value.bool());
                gen.writeEndObject();
            }
            case NUL -> {
                // DynamoDB rejects {"NULL":false}; writing it would produce a line we refuse to read.
                if (!value.nul()) {
                    throw new Failure("NULL must be true");
                }
                gen.writeStartObject();
                gen.writeFieldName(keys.nul);
                gen.writeBoolean(true);
                gen.writeEndObject();
            }
            case UNKNOWN_TO_SDK_VERSION -> throw new Failure(
                    "attribute value has no type set (UNKNOWN_TO_SDK_VERSION); writing it would lose data");
            default -> throw new Failure("unsupported attribute value type " + type);
        }
    }

    private static void writeScalar(JsonGenerator gen, SerializableString typeKey, String text) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(typeKey);
        gen.writeString(text);
        gen.writeEndObject();
    }

    /** Writes a string or number set; error paths use DynamoDB's spelling of the type, whatever the key. */
    private static void writeStrings(JsonGenerator gen, SerializableString typeKey, String typeName,
            List<String> elements) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(typeKey);
        gen.writeStartArray();
        for (int i = 0; i < elements.size(); i++) {
            String element = elements.get(i);
            if (element == null) {
                throw new Failure("set element is null").under(PathSegments.element(typeName, i));
            }
            gen.writeString(element);
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    private static void writeBinaries(JsonGenerator gen, SerializableString typeKey, List<SdkBytes> elements)
            throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(typeKey);
        gen.writeStartArray();
        for (int i = 0; i < elements.size(); i++) {
            SdkBytes element = elements.get(i);
            if (element == null) {
                throw new Failure("set element is null").under(PathSegments.element("BS", i));
            }
            writeBase64(gen, element);
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    private static void writeBase64(JsonGenerator gen, SdkBytes bytes) throws IOException {
        // MIME_NO_LINEFEEDS is RFC 4648 standard base64 with padding and no line breaks, which is
        // what DynamoDB's export writes; Jackson encodes straight into its output buffer.
        byte[] raw = bytes.asByteArrayUnsafe();
        gen.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, raw, 0, raw.length);
    }

    private static void writeList(JsonGenerator gen, List<AttributeValue> elements, TypeKeys keys) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(keys.l);
        gen.writeStartArray();
        for (int i = 0; i < elements.size(); i++) {
            try {
                writeTypedValue(gen, elements.get(i), keys);
            } catch (Failure failure) {
                throw failure.under(PathSegments.element("L", i));
            }
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    // ---- reading ----

    private static void startObject(JsonParser parser, String expected) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_OBJECT) {
            token = parser.nextToken();
        }
        if (token != JsonToken.START_OBJECT) {
            throw new Failure("expected " + expected + ", found " + describe(token));
        }
    }

    /** Reads the entries of an object whose START_OBJECT was just consumed. */
    private static Map<String, AttributeValue> readAttributeMap(JsonParser parser, boolean topLevel,
            boolean anyCase) throws IOException {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            AttributeValue value;
            try {
                JsonToken token = parser.nextToken();
                if (token != JsonToken.START_OBJECT) {
                    throw new Failure("expected a typed value object such as {\"S\":...}, found " + describe(token));
                }
                value = readTypedValueBody(parser, anyCase);
            } catch (Failure failure) {
                throw failure.under(nameSegment(name, topLevel));
            } catch (JsonProcessingException e) {
                throw Failure.of(e).under(nameSegment(name, topLevel));
            }
            // JSON allows repeated names; silently keeping the last one would drop data.
            if (map.put(name, value) != null) {
                throw new Failure(topLevel ? "duplicate attribute name" : "duplicate map key")
                        .under(nameSegment(name, topLevel));
            }
        }
        return map;
    }

    /**
     * Reads a typed value whose START_OBJECT is the current token, through its END_OBJECT.
     *
     * @param anyCase whether type keys match without regard to ASCII case (Data Pipeline exports)
     */
    private static AttributeValue readTypedValueBody(JsonParser parser, boolean anyCase) throws IOException {
        if (parser.nextToken() != JsonToken.FIELD_NAME) {
            throw new Failure("typed value has no type key");
        }
        String typeKey = parser.currentName();
        AttributeValue value = switch (anyCase ? asciiUpperCase(typeKey) : typeKey) {
            case "S" -> AttributeValue.fromS(readString(parser, "S"));
            case "N" -> AttributeValue.fromN(readString(parser, "N"));
            case "B" -> AttributeValue.fromB(decodeBase64(readString(parser, "B"), "B"));
            case "SS" -> AttributeValue.fromSs(readStrings(parser, "SS"));
            case "NS" -> AttributeValue.fromNs(readStrings(parser, "NS"));
            case "BS" -> AttributeValue.fromBs(readBinaries(parser));
            case "L" -> AttributeValue.fromL(readList(parser, anyCase));
            case "M" -> AttributeValue.fromM(readMap(parser, anyCase));
            case "BOOL" -> readBoolean(parser);
            case "NULL" -> readNull(parser);
            default -> throw new Failure("unknown type key '" + PathSegments.printable(typeKey) + "'");
        };
        if (parser.nextToken() == JsonToken.FIELD_NAME) {
            throw new Failure("typed value has more than one type key ('" + typeKey + "' and '"
                    + PathSegments.printable(parser.currentName()) + "')");
        }
        return value;
    }

    private static String readString(JsonParser parser, String typeKey) throws IOException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_STRING) {
            throw new Failure(typeKey + " must be a JSON string, found " + describe(token));
        }
        return parser.getText();
    }

    private static SdkBytes decodeBase64(String text, String typeKey) {
        try {
            return SdkBytes.fromByteArrayUnsafe(BASE64_DECODER.decode(text));
        } catch (IllegalArgumentException e) {
            throw new Failure(typeKey + " is not valid base64");
        }
    }

    private static List<String> readStrings(JsonParser parser, String typeKey) throws IOException {
        expectArray(parser, typeKey);
        List<String> elements = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.VALUE_STRING) {
                throw new Failure(typeKey + " element must be a JSON string, found " + describe(token))
                        .under(PathSegments.element(typeKey, elements.size()));
            }
            elements.add(parser.getText());
        }
        return elements;
    }

    private static List<SdkBytes> readBinaries(JsonParser parser) throws IOException {
        List<String> encoded = readStrings(parser, "BS");
        List<SdkBytes> elements = new ArrayList<>(encoded.size());
        for (int i = 0; i < encoded.size(); i++) {
            try {
                elements.add(decodeBase64(encoded.get(i), "BS element"));
            } catch (Failure failure) {
                throw failure.under(PathSegments.element("BS", i));
            }
        }
        return elements;
    }

    private static List<AttributeValue> readList(JsonParser parser, boolean anyCase) throws IOException {
        expectArray(parser, "L");
        List<AttributeValue> elements = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            int index = elements.size();
            try {
                if (token != JsonToken.START_OBJECT) {
                    throw new Failure("L element must be a typed value object, found " + describe(token));
                }
                elements.add(readTypedValueBody(parser, anyCase));
            } catch (Failure failure) {
                throw failure.under(PathSegments.element("L", index));
            } catch (JsonProcessingException e) {
                throw Failure.of(e).under(PathSegments.element("L", index));
            }
        }
        return elements;
    }

    private static Map<String, AttributeValue> readMap(JsonParser parser, boolean anyCase) throws IOException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.START_OBJECT) {
            throw new Failure("M must be a JSON object, found " + describe(token));
        }
        return readAttributeMap(parser, false, anyCase);
    }

    /**
     * Upper-cases ASCII letters only: {@link String#toUpperCase} would turn {@code ß} into {@code SS}
     * and {@code ſ} into {@code S}, accepting keys no exporter writes.
     */
    private static String asciiUpperCase(String typeKey) {
        char[] chars = typeKey.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'a' && chars[i] <= 'z') {
                chars[i] = (char) (chars[i] - ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    private static AttributeValue readBoolean(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_TRUE) {
            return TRUE_VALUE;
        }
        if (token == JsonToken.VALUE_FALSE) {
            return FALSE_VALUE;
        }
        throw new Failure("BOOL must be a JSON boolean, found " + describe(token));
    }

    private static AttributeValue readNull(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_TRUE) {
            return NULL_VALUE;
        }
        if (token == JsonToken.VALUE_FALSE) {
            throw new Failure("NULL must be true, found false");
        }
        throw new Failure("NULL must be the JSON literal true, found " + describe(token));
    }

    private static void expectArray(JsonParser parser, String typeKey) throws IOException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.START_ARRAY) {
            throw new Failure(typeKey + " must be a JSON array, found " + describe(token));
        }
    }

    private static String nameSegment(String name, boolean topLevel) {
        return topLevel ? PathSegments.attribute(name) : PathSegments.mapEntry(name);
    }

    /** The spelling of each type key in one notation, pre-encoded for the generator. */
    static final class TypeKeys {

        final SerializableString s;
        final SerializableString n;
        final SerializableString b;
        final SerializableString ss;
        final SerializableString ns;
        final SerializableString bs;
        final SerializableString l;
        final SerializableString m;
        final SerializableString bool;
        final SerializableString nul;

        private TypeKeys(String s, String n, String b, String ss, String ns, String bs, String l, String m,
                String bool, String nul) {
            this.s = new SerializedString(s);
            this.n = new SerializedString(n);
            this.b = new SerializedString(b);
            this.ss = new SerializedString(ss);
            this.ns = new SerializedString(ns);
            this.bs = new SerializedString(bs);
            this.l = new SerializedString(l);
            this.m = new SerializedString(m);
            this.bool = new SerializedString(bool);
            this.nul = new SerializedString(nul);
        }
    }

    /**
     * A rule broken inside an item. Each level of the recursion adds its path segment while the
     * exception unwinds, so the normal path builds no path strings at all; it carries no stack
     * trace because it never leaves this class.
     */
    private static final class Failure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient ArrayDeque<String> segments = new ArrayDeque<>();

        Failure(String reason) {
            super(reason, null, false, false);
        }

        static Failure of(JsonProcessingException e) {
            return new Failure(JsonErrors.nearColumn(e));
        }

        Failure under(String segment) {
            segments.addFirst(segment);
            return this;
        }

        MalformedItemException toException(long lineNumber, String root) {
            StringBuilder path = new StringBuilder(root);
            segments.forEach(path::append);
            return new MalformedItemException(lineNumber, path.toString(), getMessage());
        }
    }
}
