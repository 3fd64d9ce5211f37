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
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Type keys in any ASCII case, as AWS Data Pipeline's DynamoDB export writes them. */
class DynamoDbJsonCodecTypeKeyCaseTest {

    private static final JsonFactory PLAIN_JSON = new JsonFactory();

    @Test
    void readItemIgnoringTypeKeyCase_whenDataPipelineKeys_readsEveryType() throws IOException {
        String line = "{\"s\":{\"s\":\"x\"},\"n\":{\"n\":\"12.5\"},\"b\":{\"b\":\"AAEC\"},"
                + "\"ss\":{\"sS\":[\"a\",\"b\"]},\"ns\":{\"nS\":[\"1\",\"2.5\"]},\"bs\":{\"bS\":[\"AA==\",\"/w==\"]},"
                + "\"l\":{\"l\":[{\"n\":\"1\"},{\"s\":\"x\"}]},\"m\":{\"m\":{\"k\":{\"bOOL\":false}}},"
                + "\"t\":{\"bOOL\":true},\"z\":{\"nULL\":true}}";

        Map<String, AttributeValue> item = read(line);

        assertThat(item).isEqualTo(item(
                "s", s("x"),
                "n", n("12.5"),
                "b", b(0, 1, 2),
                "ss", ss("a", "b"),
                "ns", ns("1", "2.5"),
                "bs", bs(bytes(0), bytes(0xff)),
                "l", l(n("1"), s("x")),
                "m", m("k", bool(false)),
                "t", bool(true),
                "z", nul()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ss", "sS", "Ss", "SS"})
    void readItemIgnoringTypeKeyCase_whenAnyCaseOfAKey_readsIt(String typeKey) throws IOException {
        assertThat(read("{\"a\":{\"" + typeKey + "\":[\"x\"]}}")).isEqualTo(item("a", ss("x")));
    }

    @Test
    void readItemIgnoringTypeKeyCase_whenNonAsciiLetterFoldsToAKey_rejectsIt() {
        // U+017F (long s) upper-cases to 'S' and U+00DF to "SS" under Java's full case mapping.
        assertThatThrownBy(() -> read("{\"a\":{\"\u017f\":\"x\"}}"))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("at Line.a: unknown type key '\u017f'");
        assertThatThrownBy(() -> read("{\"a\":{\"\u00df\":[\"x\"]}}"))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("at Line.a: unknown type key '\u00df'");
    }

    @Test
    void readItemIgnoringTypeKeyCase_whenTypeRuleBroken_namesThePathFromTheRoot() {
        assertThatThrownBy(() -> read("{\"a\":{\"m\":{\"k\":{\"nULL\":false}}}}"))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("at Line.a.M.k: NULL must be true, found false");
    }

    @Test
    void readItemIgnoringTypeKeyCase_whenTwoTypeKeysDifferOnlyInCase_rejectsTheValue() {
        assertThatThrownBy(() -> read("{\"a\":{\"s\":\"x\",\"S\":\"y\"}}"))
                .isInstanceOf(MalformedItemException.class)
                .hasMessage("at Line.a: typed value has more than one type key ('s' and 'S')");
    }

    @Test
    void readItem_stillRejectsLowerCaseKeys() throws IOException {
        try (JsonParser parser = PLAIN_JSON.createParser("{\"a\":{\"m\":{\"k\":{\"s\":\"x\"}}}}")) {
            assertThatThrownBy(() -> DynamoDbJsonCodec.readItem(parser))
                    .isInstanceOf(MalformedItemException.class)
                    .hasMessage("at Item.a: unknown type key 'm'");
        }
    }

    private static Map<String, AttributeValue> read(String json) throws IOException {
        try (JsonParser parser = PLAIN_JSON.createParser(json)) {
            return DynamoDbJsonCodec.readItemIgnoringTypeKeyCase(parser, "Line");
        }
    }
}
