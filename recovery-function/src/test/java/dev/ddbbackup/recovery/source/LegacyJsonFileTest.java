package dev.ddbbackup.recovery.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.format.CorruptBackupException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class LegacyJsonFileTest {

    private static final String KEY = "dynamodb-backups/orders-backup-2024-05-06-07-08-09.json";

    private static final List<String> ITEMS = List.of(
            "{\"pk\": \"order-1\", \"price\": 12.5, \"big\": 12345678901234567890.0, \"whole\": 5.0, \"tiny\": 0.00001}",
            "{\"pk\": \"order-2\", \"n\": 1e16, \"nested\": {\"qty\": \"3\", \"tags\": \"{'a', 'b'}\"}, \"list\": [1, \"x\", null]}",
            "{\"pk\": \"\u00fcml\u00e4ut \u6771\u4eac \uD83D\uDE00\", \"ok\": true, \"no\": false, \"gone\": null, \"empty\": \"\"}");

    @Test
    void verify_whenPythonWroteTheFile_passesAndInspectsEveryItemAsTheFileHoldsIt() throws IOException {
        String document = LegacyDocuments.of(ITEMS);
        List<ItemOperation> seen = new ArrayList<>();

        long count = LegacyJsonFile.verify(stream(document), KEY, seen::add);

        assertThat(count).isEqualTo(3);
        assertThat(seen).extracting(ItemOperation::kind).containsOnly(ItemOperation.Kind.PUT);
        assertThat(seen.get(0).attributes()).isEqualTo(Map.of(
                "pk", AttributeValue.fromS("order-1"),
                "price", AttributeValue.fromN("12.5"),
                "big", AttributeValue.fromN("1.2345678901234567e+19"),
                "whole", AttributeValue.fromN("5.0"),
                "tiny", AttributeValue.fromN("1e-05")));
        assertThat(seen.get(1).attributes()).isEqualTo(Map.of(
                "pk", AttributeValue.fromS("order-2"),
                "n", AttributeValue.fromN("1e+16"),
                "nested", AttributeValue.fromM(Map.of(
                        "qty", AttributeValue.fromS("3"),
                        "tags", AttributeValue.fromS("{'a', 'b'}"))),
                "list", AttributeValue.fromL(List.of(
                        AttributeValue.fromN("1"), AttributeValue.fromS("x"), AttributeValue.fromNul(true)))));
        assertThat(seen.get(2).attributes()).isEqualTo(Map.of(
                "pk", AttributeValue.fromS("\u00fcml\u00e4ut \u6771\u4eac \uD83D\uDE00"),
                "ok", AttributeValue.fromBool(true),
                "no", AttributeValue.fromBool(false),
                "gone", AttributeValue.fromNul(true),
                "empty", AttributeValue.fromS("")));
    }

    @Test
    void verify_whenChecksumAndVersionComeBeforeData_passes() throws IOException {
        String document = LegacyDocuments.withFields(ITEMS,
                List.of("checksum", "version", "item_count", "data", "table_name", "backup_timestamp"));
        assertThat(document.indexOf("\"checksum\"")).isLessThan(document.indexOf("\"data\""));

        assertThat(LegacyJsonFile.verify(stream(document), KEY, op -> { })).isEqualTo(3);
    }

    @Test
    void verify_whenNoItems_passes() throws IOException {
        assertThat(LegacyJsonFile.verify(stream(LegacyDocuments.of(List.of())), KEY, op -> { })).isZero();
    }

    @Test
    void verify_whenOneValueChanged_failsNamingTheChecksumAndNotTheValue() {
        String document = LegacyDocuments.of(ITEMS).replace("\"order-2\"", "\"order-3\"");

        assertThatThrownBy(() -> LegacyJsonFile.verify(stream(document), KEY, op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(KEY + ": checksum mismatch")
                .hasMessageNotContaining("order-");
    }

    @Test
    void verify_whenKeysReorderedInsideAnItem_stillPasses() {
        // json.dumps sorts keys before hashing, so the file's key order does not matter.
        String document = LegacyDocuments.of(List.of("{\"b\": 1, \"a\": 2}"));
        String reordered = document.replaceFirst("\"b\": 1,\\s*\"a\": 2", "\"a\": 2, \"b\": 1");
        assertThat(reordered).isNotEqualTo(document);

        assertThat(catchVerify(reordered)).isNull();
    }

    @Test
    void verify_whenItemCountDiffers_failsNamingBothCounts() {
        String document = LegacyDocuments.of(ITEMS).replace("\"item_count\": 3", "\"item_count\": 4");

        assertThatThrownBy(() -> LegacyJsonFile.verify(stream(document), KEY, op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(KEY + ": item_count says 4 but data holds 3 items");
    }

    @Test
    void verify_whenVersionIsNotTwoPointZero_saysWhichVersionItIs() {
        String document = LegacyDocuments.of(ITEMS).replace("\"version\": \"2.0\"", "\"version\": \"3.1\"");

        assertThatThrownBy(() -> LegacyJsonFile.verify(stream(document), KEY, op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(KEY + ": is version '3.1' of the legacy backup format; only version 2.0"
                        + " (written by the seed backup function) can be read");
    }

    @Test
    void verify_whenRequiredFieldsMissing_namesThem() {
        String document = LegacyDocuments.withFields(ITEMS, List.of("table_name", "item_count", "data"));

        assertThatThrownBy(() -> LegacyJsonFile.verify(stream(document), KEY, op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageContaining("lacks the field(s) [backup_timestamp, checksum, version]");
    }

    @Test
    void verify_whenAnItemIsNotAnObject_namesItsIndex() {
        String document = LegacyDocuments.of(List.of("{\"pk\": \"a\"}", "[1, 2]"));

        assertThatThrownBy(() -> LegacyJsonFile.verify(stream(document), KEY, op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(KEY + ": data[1] is an array, not an object; every item of a legacy backup is a JSON object");
    }

    @Test
    void verify_whenFloatIsNotFinite_namesItemAndAttributePath() {
        String document = LegacyDocuments.of(List.of("{\"pk\": \"a\"}", "{\"pk\": \"b\", \"m\": {\"x\": [1, Infinity]}}"));
        assertThat(document).contains("Infinity");

        assertThatThrownBy(() -> LegacyJsonFile.verify(stream(document), KEY, op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(KEY + ": data[1], attribute 'm.x[1]': the producer wrote a non-finite float");
    }

    @Test
    void verify_whenTopLevelNaN_namesTheAttribute() {
        String document = LegacyDocuments.of(List.of("{\"pk\": \"a\", \"score\": NaN}"));

        assertThatThrownBy(() -> LegacyJsonFile.verify(stream(document), KEY, op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(KEY + ": data[0], attribute 'score': the producer wrote a non-finite float");
    }

    @Test
    void verify_whenNumberOutsideDynamoDbRange_namesTheAttribute() {
        String document = LegacyDocuments.of(List.of("{\"pk\": \"a\", \"small\": 1e-200}"));

        assertThatThrownBy(() -> LegacyJsonFile.verify(stream(document), KEY, op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(KEY + ": data[0], attribute 'small': number is not a valid DynamoDB number");
    }

    @Test
    void verify_whenItemRepeatsAKey_failsInsteadOfKeepingOne() {
        String document = LegacyDocuments.of(List.of("{\"pk\": \"a\", \"m\": {\"k\": 1}}"))
                .replace("\"k\": 1", "\"k\": 1, \"k\": 2");

        assertThatThrownBy(() -> LegacyJsonFile.verify(stream(document), KEY, op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(KEY + ": data[0].m.k: duplicate key");
    }

    @Test
    void verify_whenFileIsCutShort_saysTruncated() {
        String document = LegacyDocuments.of(ITEMS);
        String truncated = document.substring(0, document.indexOf("order-2"));

        assertThatThrownBy(() -> LegacyJsonFile.verify(stream(truncated), KEY, op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(KEY + ": data[1]: truncated JSON (unexpected end of input)");
    }

    @Test
    void verify_whenInvalidJsonInAnItem_namesItemLineAndColumnWithoutQuotingIt() {
        String document = LegacyDocuments.of(ITEMS).replace("\"order-2\"", "secret-value");

        assertThatThrownBy(() -> LegacyJsonFile.verify(stream(document), KEY, op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageMatching(KEY + ": data\\[1\\]: invalid JSON at line \\d+, column \\d+")
                .hasMessageNotContaining("secret");
    }

    @Test
    void verify_whenContentFollowsTheDocument_fails() {
        String document = LegacyDocuments.of(ITEMS) + "\n{}";

        assertThatThrownBy(() -> LegacyJsonFile.verify(stream(document), KEY, op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(KEY + ": has content after the end of the JSON document");
    }

    @Test
    void verify_whenNotAnObject_saysWhatALegacyBackupIs() {
        assertThatThrownBy(() -> LegacyJsonFile.verify(stream("[{\"pk\": \"a\"}]"), KEY, op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(KEY + ": is not a JSON object; a legacy backup is one object");
    }

    @Test
    void verify_whenHeaderFieldHasWrongType_namesTheField() {
        String document = LegacyDocuments.of(ITEMS).replace("\"item_count\": 3", "\"item_count\": \"3\"");

        assertThatThrownBy(() -> LegacyJsonFile.verify(stream(document), KEY, op -> { }))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(KEY + ": field 'item_count' must be a non-negative integer");
    }

    @Test
    void verify_whenInspectorThrows_propagatesItUnchanged() {
        IllegalStateException refusal = new IllegalStateException("key attribute missing");

        assertThatThrownBy(() -> LegacyJsonFile.verify(stream(LegacyDocuments.of(ITEMS)), KEY, op -> {
            throw refusal;
        })).isSameAs(refusal);
    }

    @Test
    void operations_streamTheSameItemsInFileOrder() throws IOException {
        String document = LegacyDocuments.of(ITEMS);
        List<ItemOperation> verified = new ArrayList<>();
        LegacyJsonFile.verify(stream(document), KEY, verified::add);

        List<ItemOperation> streamed = new ArrayList<>();
        try (OperationReader reader = LegacyJsonFile.operations(stream(document), KEY)) {
            ItemOperation operation;
            while ((operation = reader.next()) != null) {
                streamed.add(operation);
            }
            assertThat(reader.next()).isNull();
        }

        assertThat(streamed).isEqualTo(verified).hasSize(3);
    }

    @Test
    void operations_whenDocumentHasNoData_fail() throws IOException {
        String document = LegacyDocuments.withFields(ITEMS, List.of("table_name", "checksum"));

        try (OperationReader reader = LegacyJsonFile.operations(stream(document), KEY)) {
            assertThatThrownBy(reader::next)
                    .isInstanceOf(CorruptBackupException.class)
                    .hasMessage(KEY + ": has no 'data' field; it is not a version 2.0 legacy backup");
        }
    }

    @Test
    void peekItemCount_whenCountPrecedesData_readsItFromAPrefix() throws IOException {
        String document = LegacyDocuments.of(ITEMS);
        String prefix = document.substring(0, document.indexOf("\"data\"") + 10);

        assertThat(LegacyJsonFile.peekItemCount(stream(prefix))).hasValue(3);
    }

    @Test
    void peekItemCount_whenDataComesFirstOrInputIsForeign_isEmpty() throws IOException {
        String dataFirst = LegacyDocuments.withFields(ITEMS, List.of("data", "item_count"));

        assertThat(LegacyJsonFile.peekItemCount(stream(dataFirst))).isEqualTo(OptionalLong.empty());
        assertThat(LegacyJsonFile.peekItemCount(stream("not json"))).isEqualTo(OptionalLong.empty());
        assertThat(LegacyJsonFile.peekItemCount(stream("[1]"))).isEqualTo(OptionalLong.empty());
    }

    private static CorruptBackupException catchVerify(String document) {
        try {
            LegacyJsonFile.verify(stream(document), KEY, op -> { });
            return null;
        } catch (CorruptBackupException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static InputStream stream(String document) {
        return new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8));
    }
}
