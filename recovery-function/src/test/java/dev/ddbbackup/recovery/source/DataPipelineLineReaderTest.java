package dev.ddbbackup.recovery.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddbbackup.core.format.CorruptBackupException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DataPipelineLineReaderTest {

    private static final String FILE = "exports/orders/2015-01-01-00-00-00/5d2bf4c8-0001";

    /** Lines as Data Pipeline's export writes them: SDK v1 field names (s, n, sS, nULL, bOOL, ...). */
    private static final String LINES = String.join("\n",
            "{\"pk\":{\"s\":\"order-1\"},\"qty\":{\"n\":\"12.50\"},\"blob\":{\"b\":\"AAEC\"},\"tags\":{\"sS\":[\"a\",\"b\"]}}",
            "{\"pk\":{\"s\":\"order-2\"},\"nums\":{\"nS\":[\"1\",\"2E+3\"]},\"bins\":{\"bS\":[\"/w==\"]},"
                    + "\"m\":{\"m\":{\"k\":{\"l\":[{\"n\":\"1\"},{\"nULL\":true},{\"bOOL\":false}]}}}}",
            "{\"pk\":{\"s\":\"\u00fcml\u00e4ut \\ud83d\\ude00\"},\"ok\":{\"bOOL\":true},\"gone\":{\"nULL\":true}}",
            "");

    private static final List<Map<String, AttributeValue>> ITEMS = List.of(
            Map.of("pk", AttributeValue.fromS("order-1"),
                    "qty", AttributeValue.fromN("12.50"),
                    "blob", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, 2})),
                    "tags", AttributeValue.fromSs(List.of("a", "b"))),
            Map.of("pk", AttributeValue.fromS("order-2"),
                    "nums", AttributeValue.fromNs(List.of("1", "2E+3")),
                    "bins", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {(byte) 0xff}))),
                    "m", AttributeValue.fromM(Map.of("k", AttributeValue.fromL(List.of(
                            AttributeValue.fromN("1"), AttributeValue.fromNul(true), AttributeValue.fromBool(false)))))),
            Map.of("pk", AttributeValue.fromS("\u00fcml\u00e4ut \uD83D\uDE00"),
                    "ok", AttributeValue.fromBool(true),
                    "gone", AttributeValue.fromNul(true)));

    @Test
    void next_whenPlainFile_readsEveryTypeInOrder() {
        assertThat(readAll(bytes(LINES))).isEqualTo(ITEMS);
    }

    @Test
    void next_whenGzipFile_recognisesItByMagicBytes() {
        assertThat(readAll(gzip(bytes(LINES)))).isEqualTo(ITEMS);
    }

    @Test
    void next_whenCrLfLinesAndNoFinalNewline_readsThem() {
        String crlf = LINES.strip().replace("\n", "\r\n");

        assertThat(readAll(bytes(crlf))).isEqualTo(ITEMS);
    }

    @Test
    void next_whenEmptyFile_returnsNoItems() {
        assertThat(readAll(new byte[0])).isEmpty();
        assertThat(readAll(gzip(new byte[0]))).isEmpty();
    }

    @Test
    void next_whenTypeRuleBroken_namesFileLineAndPathWithoutTheValue() {
        String lines = LINES + "{\"pk\":{\"s\":\"secret\"},\"bad\":{\"x\":\"secret\"}}\n";

        assertThatThrownBy(() -> readAll(bytes(lines)))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(FILE + ": line 4: at Item.bad: unknown type key 'x'");
    }

    @Test
    void next_whenLineIsNotJson_namesLineAndColumnWithoutQuotingIt() {
        String lines = "{\"pk\":{\"s\":\"a\"}}\nsecret-value\n";

        assertThatThrownBy(() -> readAll(bytes(lines)))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(FILE + ": invalid JSON at line 2, column ")
                .hasMessageNotContaining("secret");
    }

    @Test
    void next_whenTwoItemsOnOneLine_refusesTheLine() {
        String lines = "{\"pk\":{\"s\":\"a\"}}\n{\"pk\":{\"s\":\"b\"}} {\"pk\":{\"s\":\"c\"}}\n";

        assertThatThrownBy(() -> readAll(bytes(lines)))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(FILE + ": line 2: more than one item on the line; a Data Pipeline export has one item per line");
    }

    @Test
    void next_whenLineIsNotAnObject_refusesIt() {
        assertThatThrownBy(() -> readAll(bytes("[{\"pk\":{\"s\":\"a\"}}]\n")))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(FILE + ": line 1: not a JSON object");
    }

    @Test
    void next_whenItemHasNoAttributes_refusesIt() {
        assertThatThrownBy(() -> readAll(bytes("{\"pk\":{\"s\":\"a\"}}\n{}\n")))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(FILE + ": line 2: item without attributes");
    }

    @Test
    void next_whenNumberIsNotADynamoDbNumber_namesThePath() {
        String lines = "{\"pk\":{\"s\":\"a\"},\"m\":{\"m\":{\"k\":{\"nS\":[\"1\",\"1e-200\"]}}}}\n";

        assertThatThrownBy(() -> readAll(bytes(lines)))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageStartingWith(FILE + ": line 1: at Item.m.M.k.NS[1]: not a valid DynamoDB number");
    }

    @Test
    void next_whenSetIsEmpty_namesThePath() {
        assertThatThrownBy(() -> readAll(bytes("{\"pk\":{\"s\":\"a\"},\"l\":{\"l\":[{\"s\":\"x\"},{\"sS\":[]}]}}\n")))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(FILE + ": line 1: at Item.l.L[1]: empty set; DynamoDB sets hold at least one element");
    }

    @Test
    void next_whenGzipIsCutShort_saysSo() {
        byte[] compressed = gzip(bytes(LINES));
        byte[] truncated = Arrays.copyOf(compressed, compressed.length - 12);

        assertThatThrownBy(() -> readAll(truncated))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessage(FILE + ": is cut short (the gzip stream ends early)");
    }

    @Test
    void lineNumber_isTheLineOfTheLastItem() throws IOException {
        try (DataPipelineLineReader reader = new DataPipelineLineReader(
                new ByteArrayInputStream(bytes("\n" + LINES)), FILE)) {
            reader.next();
            reader.next();

            assertThat(reader.lineNumber()).isEqualTo(3);
        }
    }

    private static List<Map<String, AttributeValue>> readAll(byte[] content) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        try (DataPipelineLineReader reader = new DataPipelineLineReader(new ByteArrayInputStream(content), FILE)) {
            Map<String, AttributeValue> item;
            while ((item = reader.next()) != null) {
                items.add(item);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return items;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
