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
import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The AWS Data Pipeline line shape: written with Data Pipeline's type keys, read back by the same codec. */
class DataPipelineLinesTest {

    private static final ItemLineFormat DP = ItemLineFormat.DATA_PIPELINE;

    /** Every type, including the empty string, empty binary, an empty list and map, and exact numbers. */
    private static Map<String, AttributeValue> everyType() {
        return item(
                "pk", s("order#42"),
                "amount", n("12345678901234567890.123456789"),
                "ratio", n("1.5E-40"),
                "note", s("Đơn hàng ✓ \uD83D\uDE42 \"q\" \\ \n"),
                "empty", s(""),
                "blob", b(0xde, 0xad, 0xbe, 0xef),
                "emptyBlob", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[0])),
                "tags", ss("a", "b"),
                "scores", ns("1", "2.5", "-0.000001"),
                "blobs", bs(bytes(0), bytes(1, 2)),
                "lines", l(n("3"), s("x"), nul(), l(bool(false)), m()),
                "address", m("street", s("1 Main St"), "geo", m("lat", n("-33.8688"), "bin", b(4, 5))),
                "none", l(),
                "active", bool(true),
                "deleted", nul());
    }

    @Test
    void toLine_whenEveryType_writesDataPipelineTypeKeysWithoutItemWrapper() {
        String line = ItemLines.toLine(everyType(), DP);

        assertThat(line).isEqualTo("{\"pk\":{\"s\":\"order#42\"},\"amount\":{\"n\":\"12345678901234567890.123456789\"},"
                + "\"ratio\":{\"n\":\"1.5E-40\"},"
                + "\"note\":{\"s\":\"Đơn hàng ✓ \\uD83D\\uDE42 \\\"q\\\" \\\\ \\n\"},\"empty\":{\"s\":\"\"},"
                + "\"blob\":{\"b\":\"3q2+7w==\"},\"emptyBlob\":{\"b\":\"\"},\"tags\":{\"sS\":[\"a\",\"b\"]},"
                + "\"scores\":{\"nS\":[\"1\",\"2.5\",\"-0.000001\"]},\"blobs\":{\"bS\":[\"AA==\",\"AQI=\"]},"
                + "\"lines\":{\"l\":[{\"n\":\"3\"},{\"s\":\"x\"},{\"nULL\":true},{\"l\":[{\"bOOL\":false}]},{\"m\":{}}]},"
                + "\"address\":{\"m\":{\"street\":{\"s\":\"1 Main St\"},\"geo\":{\"m\":{\"lat\":{\"n\":\"-33.8688\"},"
                + "\"bin\":{\"b\":\"BAU=\"}}}}},"
                + "\"none\":{\"l\":[]},\"active\":{\"bOOL\":true},\"deleted\":{\"nULL\":true}}");
    }

    @Test
    void fromLine_whenWrittenAsDataPipeline_returnsTheSameItemInTheSameOrder() {
        Map<String, AttributeValue> item = everyType();

        Map<String, AttributeValue> read = ItemLines.fromLine(ItemLines.toLine(item, DP), DP);

        assertThat(read).isEqualTo(item);
        assertThat(read.keySet()).containsExactlyElementsOf(item.keySet());
    }

    @Test
    void readItemIgnoringTypeKeyCase_readsWhatTheDataPipelineWriterWrites() throws IOException {
        // The reader of foreign Data Pipeline exports (recovery's DataPipelineLineReader) uses this entry point.
        try (JsonParser parser = new JsonFactory().createParser(ItemLines.toLine(everyType(), DP))) {
            assertThat(DynamoDbJsonCodec.readItemIgnoringTypeKeyCase(parser, "Item")).isEqualTo(everyType());
        }
    }

    @Test
    void fromLine_whenDataPipelineKeysInAnyCase_readsThem() {
        Map<String, AttributeValue> item = ItemLines.fromLine(
                "{\"a\":{\"S\":\"x\"},\"b\":{\"ss\":[\"y\"]},\"c\":{\"NULL\":true},\"d\":{\"bool\":false}}", DP);

        assertThat(item).isEqualTo(item("a", s("x"), "b", ss("y"), "c", nul(), "d", bool(false)));
    }

    @Test
    void writerThenReader_whenDataPipeline_writesOneItemPerLineAndReadsThemBack() throws IOException {
        List<Map<String, AttributeValue>> items = List.of(everyType(), item("pk", s("b")), item("pk", s("c"), "n", n("-0")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ItemLineWriter writer = new ItemLineWriter(out, DP)) {
            for (Map<String, AttributeValue> item : items) {
                writer.write(item);
            }
            assertThat(writer.itemCount()).isEqualTo(3);
        }

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("}\n").hasLineCount(3);
        assertThat(text).startsWith("{\"pk\":{\"s\":\"order#42\"}").doesNotContain("\"Item\"");
        List<Map<String, AttributeValue>> read = new ArrayList<>();
        try (ItemLineReader reader = new ItemLineReader(new ByteArrayInputStream(out.toByteArray()), DP)) {
            for (Map<String, AttributeValue> item = reader.next(); item != null; item = reader.next()) {
                read.add(item);
            }
        }
        assertThat(read).isEqualTo(items);
    }

    @Test
    void reader_whenFormatDoesNotMatchTheLines_refusesTheFirstLine() throws IOException {
        byte[] dataPipeline = (ItemLines.toLine(item("pk", s("a")), DP) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] native_ = (ItemLines.toLine(item("pk", s("a"))) + "\n").getBytes(StandardCharsets.UTF_8);

        try (ItemLineReader reader = new ItemLineReader(new ByteArrayInputStream(dataPipeline))) {
            assertThatThrownBy(reader::next).isInstanceOf(MalformedItemException.class)
                    .hasMessage("line 1: unexpected field 'pk', expected only 'Item'");
        }
        try (ItemLineReader reader = new ItemLineReader(new ByteArrayInputStream(native_), DP)) {
            assertThatThrownBy(reader::next).isInstanceOf(MalformedItemException.class)
                    .hasMessage("line 1, at Item.Item: unknown type key 'pk'");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            truncated line            | {"pk":{"s":"a"},"x":{"n":"1         | at Item.x: truncated JSON (unexpected end of input)
            number as JSON number     | {"x":{"n":5}}                       | at Item.x: N must be a JSON string, found a number
            unknown type key          | {"x":{"q":"x"}}                     | at Item.x: unknown type key 'q'
            null false                | {"x":{"nULL":false}}                | at Item.x: NULL must be true, found false
            deep path                 | {"t":{"l":[{"s":"a"},{"m":{"x":{"n":1}}}]}} | at Item.t.L[1].M.x: N must be a JSON string, found a number
            bad base64                | {"x":{"b":"@@@"}}                   | at Item.x: B is not valid base64
            array line                | [{"pk":{"s":"a"}}]                  | expected a JSON object {"attribute":{"s":...},...}, found an array
            second object on the line | {"pk":{"s":"a"}}{"pk":{"s":"b"}}    | unexpected content after the line's JSON object
            duplicate name            | {"pk":{"s":"a"},"pk":{"s":"b"}}     | at Item.pk: duplicate attribute name
            """)
    void fromLine_whenMalformedDataPipelineLine_throwsWithPathAndReason(String description, String line, String message) {
        assertThatThrownBy(() -> ItemLines.fromLine(line, DP))
                .as(description)
                .isInstanceOf(MalformedItemException.class)
                .hasMessage(message);
    }

    @Test
    void reader_whenDataPipelineLineMalformed_namesTheLineNumberNotTheValue() throws IOException {
        String input = "{\"pk\":{\"s\":\"a\"}}\n{\"pk\":{\"s\":\"secret\",\"n\":\"1\"}}\n";

        try (ItemLineReader reader = new ItemLineReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), DP)) {
            reader.next();
            assertThatThrownBy(reader::next).isInstanceOf(MalformedItemException.class)
                    .hasMessage("line 2, at Item.pk: typed value has more than one type key ('s' and 'n')")
                    .message().doesNotContain("secret");
        }
    }

    @Test
    void toLine_whenTypeRuleBroken_namesThePathWithDynamoDbTypeNames() {
        assertThatThrownBy(() -> ItemLines.toLine(item("z", AttributeValue.fromNul(false)), DP))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("at Item.z: NULL must be true");
        assertThatThrownBy(() -> ItemLines.toLine(item("t", m("k", AttributeValue.fromSs(Arrays.asList("a", null)))), DP))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("at Item.t.M.k.SS[1]: set element is null");
    }
}
