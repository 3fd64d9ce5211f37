package dev.ddbbackup.recovery.source;

import static dev.ddbbackup.recovery.source.NativeExportFixture.changeLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.codec.ItemEquivalence;
import dev.ddbbackup.core.codec.MalformedItemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class IncrementalExportLinesTest {

    private static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("order#1"),
            "sk", AttributeValue.fromN("7"));

    @Test
    void next_whenNewImageOnly_putsIt() throws IOException {
        Map<String, AttributeValue> image = image("new");

        List<ItemOperation> ops = read(changeLine(1_768_386_000_000_000L, KEY, null, image));

        assertThat(ops).singleElement().satisfies(op -> {
            assertThat(op.kind()).isEqualTo(ItemOperation.Kind.PUT);
            assertThat(ItemEquivalence.equivalent(op.attributes(), image)).isTrue();
        });
    }

    @Test
    void next_whenOldAndNewImage_putsTheNewImage() throws IOException {
        Map<String, AttributeValue> newer = image("newer");

        List<ItemOperation> ops = read(changeLine(2, KEY, image("older"), newer));

        assertThat(ops).singleElement().satisfies(op -> {
            assertThat(op.kind()).isEqualTo(ItemOperation.Kind.PUT);
            assertThat(ItemEquivalence.equivalent(op.attributes(), newer)).isTrue();
        });
    }

    @Test
    void next_whenKeysAndOldImageOnly_deletesTheKey() throws IOException {
        List<ItemOperation> ops = read(changeLine(3, KEY, image("gone"), null));

        assertThat(ops).singleElement().satisfies(op -> {
            assertThat(op.kind()).isEqualTo(ItemOperation.Kind.DELETE);
            assertThat(ItemEquivalence.equivalent(op.attributes(), KEY)).isTrue();
        });
    }

    @Test
    void next_whenKeysOnly_deletesTheKey() throws IOException {
        // The NEW_IMAGE view records a delete as the key alone.
        List<ItemOperation> ops = read(changeLine(4, KEY, null, null));

        assertThat(ops).singleElement().satisfies(op -> {
            assertThat(op.kind()).isEqualTo(ItemOperation.Kind.DELETE);
            assertThat(op.attributes()).containsOnlyKeys("pk", "sk");
        });
    }

    @Test
    void next_whenManyRecordsAndTrailingNewlines_readsEachInOrder() throws IOException {
        Map<String, AttributeValue> other = Map.of("pk", AttributeValue.fromS("order#2"), "sk", AttributeValue.fromN("1"));
        String content = changeLine(1, KEY, null, image("a")) + "\n" + changeLine(2, other, null, null) + "\r\n\n";

        List<ItemOperation> ops = readContent(content);

        assertThat(ops).extracting(ItemOperation::kind).containsExactly(ItemOperation.Kind.PUT, ItemOperation.Kind.DELETE);
    }

    @Test
    void next_whenEmptyFile_hasNoOperations() throws IOException {
        assertThat(readContent("")).isEmpty();
    }

    @Test
    void next_whenLineIsNotJson_namesTheLine() {
        String content = changeLine(1, KEY, null, image("a")) + "\n{\"Keys\":{\"pk\":{\"S\":\"x\"}},\n";

        assertThatThrownBy(() -> readContent(content))
                .isInstanceOf(MalformedItemException.class)
                .hasMessageStartingWith("line 2");
    }

    @Test
    void next_whenValueBreaksATypeRule_namesLineAndPathButNotTheValue() {
        String line = changeLine(1, KEY, null, image("a")).replaceFirst("\"sk\":\\{\"N\":\"7\"}", "\"sk\":{\"N\":7}");

        assertThatThrownBy(() -> read(line))
                .isInstanceOf(MalformedItemException.class)
                .hasMessageStartingWith("line 1, at Keys.sk: N must be a JSON string");
    }

    @Test
    void next_whenFullExportLine_refusesSayingSo() {
        assertThatThrownBy(() -> read(NativeExportFixture.itemLine(image("a"))))
                .isInstanceOf(MalformedItemException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("a full export line");
    }

    @Test
    void next_whenUnexpectedField_refuses() {
        String line = changeLine(1, KEY, null, image("a")).replace("\"Keys\"", "\"Extra\":{},\"Keys\"");

        assertThatThrownBy(() -> read(line))
                .isInstanceOf(MalformedItemException.class)
                .hasMessageContaining("unexpected field");
    }

    @Test
    void next_whenKeysMissing_refuses() {
        assertThatThrownBy(() -> read("{\"Metadata\":{},\"NewImage\":{\"pk\":{\"S\":\"a\"}}}"))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("line 1, at Keys: missing");
    }

    @Test
    void next_whenImageLacksTheKey_refuses() {
        Map<String, AttributeValue> wrongKey = new LinkedHashMap<>(image("a"));
        wrongKey.put("sk", AttributeValue.fromN("8"));

        assertThatThrownBy(() -> read(changeLine(1, KEY, null, wrongKey)))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("line 1, at NewImage: does not hold the record's Keys");
    }

    @Test
    void next_whenImageRepeats_refuses() {
        String line = changeLine(1, KEY, null, image("a"));
        String twice = line.substring(0, line.length() - 1) + ",\"NewImage\":{\"pk\":{\"S\":\"order#1\"}}}";

        assertThatThrownBy(() -> read(twice))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("line 1, at NewImage: appears twice in the record");
    }

    @Test
    void next_whenBlankLineBetweenRecords_refuses() {
        String content = changeLine(1, KEY, null, image("a")) + "\n\n" + changeLine(2, KEY, null, null) + "\n";

        assertThatThrownBy(() -> readContent(content))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("line 2: blank line between records");
    }

    @Test
    void next_whenTwoRecordsOnOneLine_refuses() {
        String content = changeLine(1, KEY, null, image("a")) + changeLine(2, KEY, null, null) + "\n";

        assertThatThrownBy(() -> readContent(content))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("line 1: a second record on the same line");
    }

    @Test
    void next_whenRecordIsTruncated_saysSo() {
        String line = changeLine(1, KEY, null, image("a"));

        assertThatThrownBy(() -> readContent(line.substring(0, line.length() - 20)))
                .isInstanceOf(MalformedItemException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("truncated JSON");
    }

    private static Map<String, AttributeValue> image(String state) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(KEY);
        item.put("state", AttributeValue.fromS(state));
        item.put("bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, (byte) 0xff})));
        item.put("tags", AttributeValue.fromSs(List.of("x", "y")));
        return item;
    }

    private static List<ItemOperation> read(String line) throws IOException {
        return readContent(line + "\n");
    }

    private static List<ItemOperation> readContent(String content) throws IOException {
        List<ItemOperation> ops = new ArrayList<>();
        try (IncrementalExportLines lines = new IncrementalExportLines(
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))) {
            ItemOperation op;
            while ((op = lines.next()) != null) {
                ops.add(op);
            }
        }
        return ops;
    }
}
