package dev.ddbbackup.core.codec;

import static dev.ddbbackup.core.codec.TestItems.b;
import static dev.ddbbackup.core.codec.TestItems.bool;
import static dev.ddbbackup.core.codec.TestItems.bs;
import static dev.ddbbackup.core.codec.TestItems.bytes;
import static dev.ddbbackup.core.codec.TestItems.item;
import static dev.ddbbackup.core.codec.TestItems.l;
import static dev.ddbbackup.core.codec.TestItems.m;
import static dev.ddbbackup.core.codec.TestItems.n;
import static dev.ddbbackup.core.codec.TestItems.ns;
import static dev.ddbbackup.core.codec.TestItems.nul;
import static dev.ddbbackup.core.codec.TestItems.s;
import static dev.ddbbackup.core.codec.TestItems.ss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbJsonCodecTest {

    /** A plain Jackson factory, to show the codec does not depend on our factory's settings. */
    private static final JsonFactory PLAIN_JSON = new JsonFactory();

    @Test
    void writeItem_whenEveryType_writesExactDynamoDbJson() throws IOException {
        Map<String, AttributeValue> item = item(
                "s", s("x"),
                "n", n("12.5"),
                "b", b(0, 1, 2),
                "ss", ss("a", "b"),
                "ns", ns("1", "2.5"),
                "bs", bs(bytes(0), bytes(0xff)),
                "l", l(n("1"), s("x")),
                "m", m("k", bool(false)),
                "t", bool(true),
                "z", nul());

        assertThat(write(item)).isEqualTo("{\"s\":{\"S\":\"x\"},\"n\":{\"N\":\"12.5\"},\"b\":{\"B\":\"AAEC\"},"
                + "\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\",\"2.5\"]},\"bs\":{\"BS\":[\"AA==\",\"/w==\"]},"
                + "\"l\":{\"L\":[{\"N\":\"1\"},{\"S\":\"x\"}]},\"m\":{\"M\":{\"k\":{\"BOOL\":false}}},"
                + "\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true}}");
    }

    @Test
    void readItem_whenEveryType_readsTheSameItem() throws IOException {
        Map<String, AttributeValue> item = item(
                "s", s("x"),
                "n", n("12.5"),
                "b", b(0, 1, 2),
                "ss", ss("a", "b"),
                "ns", ns("1", "2.5"),
                "bs", bs(bytes(0), bytes(0xff)),
                "l", l(n("1"), s("x")),
                "m", m("k", bool(false)),
                "t", bool(true),
                "z", nul());

        assertThat(read(write(item))).isEqualTo(item);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "12345678901234567890.123456789",
        "1E+3",
        "1e3",
        "-1.5e-130",
        "-0.000000000000000000000000000000000000001",
        "12345678901234567890123456789012345678",
        "9.9999999999999999999999999999999999999E+125",
        "0.10",
        "-0",
        "007",
    })
    void roundTrip_whenNumber_keepsTheExactString(String number) {
        String line = ItemLines.toLine(item("n", n(number)));

        assertThat(line).isEqualTo("{\"Item\":{\"n\":{\"N\":\"" + number + "\"}}}");
        assertThat(ItemLines.fromLine(line).get("n").n()).isEqualTo(number);
    }

    @Test
    void roundTrip_whenNumberSetHasExponents_keepsEveryStringAndTheOrder() {
        Map<String, AttributeValue> item = item("ns", ns("1E+3", "1000.0", "-1.5e-130", "38"));

        assertThat(ItemLines.fromLine(ItemLines.toLine(item)).get("ns").ns())
                .containsExactly("1E+3", "1000.0", "-1.5e-130", "38");
    }

    @Test
    void roundTrip_whenEmptyStringAndEmptyBinary_keepsThem() {
        Map<String, AttributeValue> item = item("s", s(""), "b", b());

        String line = ItemLines.toLine(item);

        assertThat(line).isEqualTo("{\"Item\":{\"s\":{\"S\":\"\"},\"b\":{\"B\":\"\"}}}");
        Map<String, AttributeValue> read = ItemLines.fromLine(line);
        assertThat(read.get("s").s()).isEmpty();
        assertThat(read.get("b").b().asByteArray()).isEmpty();
        assertThat(read).isEqualTo(item);
    }

    @Test
    void writeItem_whenStringNeedsEscapes_escapesQuotesBackslashAndControlCharacters() {
        String text = "q\"b\\c\u0000\u001f\n\t\u2028e/";

        String line = ItemLines.toLine(item("s", s(text)));

        assertThat(line).isEqualTo("{\"Item\":{\"s\":{\"S\":\"q\\\"b\\\\c\\u0000\\u001F\\n\\t\u2028e/\"}}}");
        assertThat(ItemLines.fromLine(line).get("s").s()).isEqualTo(text);
    }

    @Test
    void roundTrip_whenEveryControlCharacter_keepsTheString() {
        StringBuilder text = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            text.append(c);
        }
        text.append("\u007f\u2028\u2029\ufeff\uffff");

        Map<String, AttributeValue> read = ItemLines.fromLine(ItemLines.toLine(item("s", s(text.toString()))));

        assertThat(read.get("s").s()).isEqualTo(text.toString());
    }

    @Test
    void roundTrip_whenUnicodeAndEmoji_keepsTheString() {
        String text = "Grüße, 東京, עברית, 😀👍🏽, \ud834\udd1e";

        String line = ItemLines.toLine(item("s", s(text), "😀 name", s("v")));

        assertThat(line).isEqualTo(
                "{\"Item\":{\"s\":{\"S\":\"Grüße, 東京, עברית, \\uD83D\\uDE00\\uD83D\\uDC4D\\uD83C\\uDFFD, "
                        + "\\uD834\\uDD1E\"},\"\\uD83D\\uDE00 name\":{\"S\":\"v\"}}}");
        Map<String, AttributeValue> read = ItemLines.fromLine(line);
        assertThat(read.get("s").s()).isEqualTo(text);
        assertThat(read).containsKey("😀 name");
    }

    @Test
    void roundTrip_whenRawUtf8Emoji_readsIt() {
        // Other writers (DynamoDB's export among them) may put emoji as raw UTF-8, not escapes.
        assertThat(ItemLines.fromLine("{\"Item\":{\"s\":{\"S\":\"😀\"}}}").get("s").s()).isEqualTo("😀");
    }

    @Test
    void roundTrip_whenLoneSurrogate_keepsTheString() {
        // Not valid Unicode and never from DynamoDB, but the writer must not corrupt it either
        // (Jackson's COMBINE_UNICODE_SURROGATES_IN_UTF8 would merge it with the next character).
        String text = "x\ud83dy\udc00";

        String line = ItemLines.toLine(item("s", s(text)));

        assertThat(ItemLines.fromLine(line).get("s").s()).isEqualTo(text);
    }

    @Test
    void roundTrip_whenStringSet_staysAStringSet() {
        // The old Python tool turned {"a","b"} into the string "{'a', 'b'}".
        Map<String, AttributeValue> read = ItemLines.fromLine(ItemLines.toLine(item("tags", ss("a", "b"))));

        assertThat(read.get("tags").type()).isEqualTo(AttributeValue.Type.SS);
        assertThat(read.get("tags").ss()).containsExactly("a", "b");
    }

    @Test
    void roundTrip_whenNumberInList_staysANumber() {
        Map<String, AttributeValue> read = ItemLines.fromLine(ItemLines.toLine(item("l", l(n("1.0"), s("1")))));

        assertThat(read.get("l").l().get(0).type()).isEqualTo(AttributeValue.Type.N);
        assertThat(read.get("l").l().get(0).n()).isEqualTo("1.0");
        assertThat(read.get("l").l().get(1).type()).isEqualTo(AttributeValue.Type.S);
    }

    @Test
    void roundTrip_whenBinaryInsideListInsideMap_keepsTheBytes() {
        Map<String, AttributeValue> item = item("m", m("files", l(b(0xde, 0xad, 0xbe, 0xef), bs(bytes(1), bytes()))));

        String line = ItemLines.toLine(item);

        assertThat(line).isEqualTo(
                "{\"Item\":{\"m\":{\"M\":{\"files\":{\"L\":[{\"B\":\"3q2+7w==\"},{\"BS\":[\"AQ==\",\"\"]}]}}}}}");
        assertThat(ItemLines.fromLine(line)).isEqualTo(item);
    }

    @Test
    void roundTrip_whenNullAndFalse_keepsThem() {
        Map<String, AttributeValue> item = item("z", nul(), "f", bool(false));

        String line = ItemLines.toLine(item);

        assertThat(line).isEqualTo("{\"Item\":{\"z\":{\"NULL\":true},\"f\":{\"BOOL\":false}}}");
        assertThat(ItemLines.fromLine(line)).isEqualTo(item);
    }

    @Test
    void roundTrip_whenEmptyListMapAndSets_keepsThem() {
        // DynamoDB rejects empty sets, but the codec must still not invent or drop a type.
        Map<String, AttributeValue> item = item("l", l(), "m", m(), "ss", ss(), "ns", ns(), "bs", bs());

        String line = ItemLines.toLine(item);

        assertThat(line).isEqualTo(
                "{\"Item\":{\"l\":{\"L\":[]},\"m\":{\"M\":{}},\"ss\":{\"SS\":[]},\"ns\":{\"NS\":[]},\"bs\":{\"BS\":[]}}}");
        assertThat(ItemLines.fromLine(line)).isEqualTo(item);
    }

    @Test
    void roundTrip_whenNestedThirtyLevels_keepsTheStructure() {
        AttributeValue value = s("leaf");
        for (int depth = 0; depth < 30; depth++) {
            value = depth % 3 == 2 ? l(n(Integer.toString(depth)), value) : m("d" + depth, value, "b", b(depth));
        }
        Map<String, AttributeValue> item = item("pk", s("deep"), "nested", value);

        assertThat(ItemLines.fromLine(ItemLines.toLine(item))).isEqualTo(item);
    }

    @Test
    void roundTrip_whenItemIsAbout400Kilobytes_keepsIt() {
        Random random = new Random(42);
        byte[] blob = new byte[150_000];
        random.nextBytes(blob);
        StringBuilder text = new StringBuilder();
        while (text.length() < 200_000) {
            text.append("line \"").append(text.length()).append("\"\n\u00e9\u6771\ud83d\ude00\\");
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", s("big"));
        item.put("blob", AttributeValue.fromB(SdkBytes.fromByteArray(blob)));
        item.put("text", s(text.toString()));
        for (int i = 0; i < 500; i++) {
            item.put("attr" + i, n(i + ".5"));
        }

        String line = ItemLines.toLine(item);

        assertThat(line.length()).isGreaterThan(400_000);
        assertThat(ItemLines.fromLine(line)).isEqualTo(item);
    }

    @Test
    void readItem_whenMapHasManyKeys_keepsTheirOrder() throws IOException {
        String json = "{\"z\":{\"S\":\"1\"},\"a\":{\"M\":{\"y\":{\"S\":\"1\"},\"b\":{\"S\":\"2\"},\"x\":{\"S\":\"3\"}}},"
                + "\"m\":{\"S\":\"2\"}}";

        Map<String, AttributeValue> item = read(json);

        assertThat(item).isInstanceOf(LinkedHashMap.class);
        assertThat(item.keySet()).containsExactly("z", "a", "m");
        assertThat(item.get("a").m().keySet()).containsExactly("y", "b", "x");
    }

    @Test
    void readItem_whenParserIsBeforeTheObject_readsItAndStopsOnItsEnd() throws IOException {
        try (JsonParser parser = PLAIN_JSON.createParser("{\"a\":{\"S\":\"x\"}} {\"next\":1}")) {
            Map<String, AttributeValue> item = DynamoDbJsonCodec.readItem(parser);

            assertThat(item).isEqualTo(item("a", s("x")));
            assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
        }
    }

    @Test
    void readItem_whenParserIsOnTheStartObject_readsIt() throws IOException {
        try (JsonParser parser = PLAIN_JSON.createParser("{\"Item\":{\"a\":{\"N\":\"1\"}},\"after\":true}")) {
            parser.nextToken();
            parser.nextToken();
            assertThat(parser.currentName()).isEqualTo("Item");
            parser.nextToken();
            assertThat(parser.currentToken()).isEqualTo(JsonToken.START_OBJECT);

            Map<String, AttributeValue> item = DynamoDbJsonCodec.readItem(parser);

            assertThat(item).isEqualTo(item("a", n("1")));
            assertThat(parser.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
            assertThat(parser.currentName()).isEqualTo("after");
        }
    }

    @Test
    void readItem_whenParserIsOnTheFieldName_readsTheObjectAfterIt() throws IOException {
        try (JsonParser parser = PLAIN_JSON.createParser("{\"NewImage\":{\"a\":{\"BOOL\":true}}}")) {
            parser.nextToken();
            parser.nextToken();

            Map<String, AttributeValue> item = DynamoDbJsonCodec.readItem(parser, "NewImage");

            assertThat(item).isEqualTo(item("a", bool(true)));
        }
    }

    @Test
    void readItem_whenPathRootGiven_namesErrorsFromIt() throws IOException {
        try (JsonParser parser = PLAIN_JSON.createParser("{\"a\":{\"BOOL\":1}}")) {
            assertThatThrownBy(() -> DynamoDbJsonCodec.readItem(parser, "NewImage"))
                    .isInstanceOf(MalformedItemException.class)
                    .hasMessage("at NewImage.a: BOOL must be a JSON boolean, found a number");
        }
    }

    @Test
    void readItem_whenNotAnObject_throwsMalformedItem() throws IOException {
        try (JsonParser parser = PLAIN_JSON.createParser("[1]")) {
            assertThatThrownBy(() -> DynamoDbJsonCodec.readItem(parser))
                    .isInstanceOf(MalformedItemException.class)
                    .hasMessage("at Item: expected an attribute map object, found an array");
        }
    }

    @Test
    void readValue_whenSingleValue_readsIt() throws IOException {
        try (JsonParser parser = PLAIN_JSON.createParser("{\"L\":[{\"NULL\":true},{\"SS\":[\"x\"]}]}")) {
            AttributeValue value = DynamoDbJsonCodec.readValue(parser);

            assertThat(value).isEqualTo(l(nul(), ss("x")));
            assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(parser.nextToken()).isNull();
        }
    }

    @Test
    void readValue_whenTypeRuleBroken_namesThePathFromValue() throws IOException {
        try (JsonParser parser = PLAIN_JSON.createParser("{\"M\":{\"k\":{\"NS\":[1]}}}")) {
            assertThatThrownBy(() -> DynamoDbJsonCodec.readValue(parser))
                    .isInstanceOf(MalformedItemException.class)
                    .hasMessage("at value.M.k.NS[0]: NS element must be a JSON string, found a number");
        }
    }

    @Test
    void writeValue_whenSingleValue_writesTypedObject() throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = PLAIN_JSON.createGenerator(out)) {
            DynamoDbJsonCodec.writeValue(gen, m("n", n("-1.5e-130"), "b", bs(bytes(1, 2, 3))));
        }

        assertThat(out).hasToString("{\"M\":{\"n\":{\"N\":\"-1.5e-130\"},\"b\":{\"BS\":[\"AQID\"]}}}");
    }

    @Test
    void writeItem_whenValueHasNoType_throwsInsteadOfWritingEmptyObject() {
        AttributeValue untyped = AttributeValue.builder().build();
        assertThat(untyped.type()).isEqualTo(AttributeValue.Type.UNKNOWN_TO_SDK_VERSION);

        assertThatThrownBy(() -> ItemLines.toLine(item("pk", s("a"), "x", untyped)))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("at Item.x: attribute value has no type set (UNKNOWN_TO_SDK_VERSION); "
                        + "writing it would lose data");
    }

    @Test
    void writeItem_whenNestedValueHasNoType_namesItsPath() {
        Map<String, AttributeValue> item = item("tags", l(s("a"), s("b"), m("x", AttributeValue.builder().build())));

        assertThatThrownBy(() -> ItemLines.toLine(item))
                .isInstanceOf(MalformedItemException.class)
                .hasMessageStartingWith("at Item.tags.L[2].M.x: attribute value has no type set");
    }

    @Test
    void writeItem_whenValueHasTwoTypes_throws() {
        AttributeValue twoTypes = AttributeValue.builder().s("secret").n("1").build();

        assertThatThrownBy(() -> ItemLines.toLine(item("x", twoTypes)))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("at Item.x: attribute value has more than one type set");
    }

    @Test
    void writeItem_whenNullValueOrSetElement_throws() {
        Map<String, AttributeValue> nullValue = new LinkedHashMap<>();
        nullValue.put("x", null);

        assertThatThrownBy(() -> ItemLines.toLine(nullValue))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("at Item.x: attribute value is null");
        assertThatThrownBy(() -> ItemLines.toLine(item("s", AttributeValue.fromSs(Arrays.asList("a", null)))))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("at Item.s.SS[1]: set element is null");
    }

    @Test
    void writeItem_whenNullIsFalse_throws() {
        assertThatThrownBy(() -> ItemLines.toLine(item("z", AttributeValue.fromNul(false))))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("at Item.z: NULL must be true");
    }

    @Test
    void writeItem_whenBinary_matchesJavaStandardBase64() {
        Random random = new Random(7);
        for (int length = 0; length < 70; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);

            String line = ItemLines.toLine(item("b", AttributeValue.fromB(SdkBytes.fromByteArray(bytes))));

            assertThat(line).isEqualTo("{\"Item\":{\"b\":{\"B\":\""
                    + Base64.getEncoder().encodeToString(bytes) + "\"}}}");
        }
    }

    @Test
    void readItem_whenListElementsAreNotObjects_namesTheElement() {
        assertThatThrownBy(() -> read("{\"l\":{\"L\":[{\"S\":\"a\"},\"b\"]}}"))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("at Item.l.L[1]: L element must be a typed value object, found a string");
    }

    @Test
    void readItem_whenDuplicateName_throwsInsteadOfDroppingOne() {
        assertThatThrownBy(() -> read("{\"a\":{\"S\":\"1\"},\"a\":{\"S\":\"2\"}}"))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("at Item.a: duplicate attribute name");
        assertThatThrownBy(() -> read("{\"m\":{\"M\":{\"k\":{\"S\":\"1\"},\"k\":{\"S\":\"2\"}}}}"))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("at Item.m.M.k: duplicate map key");
    }

    @Test
    void readItem_whenTypeKeyHasWrongCase_rejectsIt() {
        // Lower-case keys are the Data Pipeline format (readItemIgnoringTypeKeyCase); here they mean a damaged line.
        assertThatThrownBy(() -> read("{\"a\":{\"s\":\"x\"}}"))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("at Item.a: unknown type key 's'");
    }

    private static String write(Map<String, AttributeValue> item) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = PLAIN_JSON.createGenerator(out)) {
            DynamoDbJsonCodec.writeItem(gen, item);
        }
        return out.toString();
    }

    private static Map<String, AttributeValue> read(String json) throws IOException {
        try (JsonParser parser = PLAIN_JSON.createParser(json)) {
            return DynamoDbJsonCodec.readItem(parser);
        }
    }
}
