package dev.ddbbackup.core.codec;

import static dev.ddbbackup.core.codec.TestItems.b;
import static dev.ddbbackup.core.codec.TestItems.item;
import static dev.ddbbackup.core.codec.TestItems.n;
import static dev.ddbbackup.core.codec.TestItems.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemLinesTest {

    @Test
    void toLine_whenSmallItem_producesNativeExportLineExactly() {
        String line = ItemLines.toLine(item("pk", s("a"), "n", n("1E+3"), "b", b(0, 1, 2)));

        assertThat(line).isEqualTo("{\"Item\":{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"1E+3\"},\"b\":{\"B\":\"AAEC\"}}}");
    }

    @Test
    void fromLine_whenNativeExportLine_readsTheItem() {
        Map<String, AttributeValue> item =
                ItemLines.fromLine("{\"Item\":{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"1E+3\"},\"b\":{\"B\":\"AAEC\"}}}\n");

        assertThat(item).isEqualTo(item("pk", s("a"), "n", n("1E+3"), "b", b(0, 1, 2)));
    }

    @Test
    void fromLine_whenWhitespaceBetweenTokens_readsTheItem() {
        Map<String, AttributeValue> item = ItemLines.fromLine(" { \"Item\" : { \"pk\" : { \"S\" : \"a\" } } }\r\n");

        assertThat(item).isEqualTo(item("pk", s("a")));
    }

    @Test
    void writeLine_whenGeneratorWritesSeveralLines_putsNoSeparatorBeforeThem() throws IOException {
        // Jackson's default root value separator is a space, which would start line 2 with " {".
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = new JsonFactory().createGenerator(out)) {
            ItemLines.writeLine(gen, item("pk", s("a")));
            gen.writeRaw('\n');
            ItemLines.writeLine(gen, item("pk", s("b")));
            gen.writeRaw('\n');
        }

        assertThat(out).hasToString("{\"Item\":{\"pk\":{\"S\":\"a\"}}}\n{\"Item\":{\"pk\":{\"S\":\"b\"}}}\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            truncated line            | {"Item":{"pk":{"S":"a"},"x":{"N":"1         | at Item.x: truncated JSON (unexpected end of input)
            truncated after value     | {"Item":{"pk":{"S":"a"}                     | at Item: truncated JSON (unexpected end of input)
            truncated after item      | {"Item":{"pk":{"S":"a"}}                    | truncated JSON (unexpected end of input)
            number as JSON number     | {"Item":{"x":{"N":5}}}                      | at Item.x: N must be a JSON string, found a number
            string as JSON number     | {"Item":{"x":{"S":5}}}                      | at Item.x: S must be a JSON string, found a number
            unknown type key          | {"Item":{"x":{"Q":"x"}}}                    | at Item.x: unknown type key 'Q'
            two type keys             | {"Item":{"x":{"S":"a","N":"1"}}}            | at Item.x: typed value has more than one type key ('S' and 'N')
            no type key               | {"Item":{"x":{}}}                           | at Item.x: typed value has no type key
            value not an object       | {"Item":{"x":"a"}}                          | at Item.x: expected a typed value object such as {"S":...}, found a string
            bool as string            | {"Item":{"x":{"BOOL":"true"}}}              | at Item.x: BOOL must be a JSON boolean, found a string
            null false                | {"Item":{"x":{"NULL":false}}}               | at Item.x: NULL must be true, found false
            null as JSON null         | {"Item":{"x":{"NULL":null}}}                | at Item.x: NULL must be the JSON literal true, found null
            set not an array          | {"Item":{"x":{"SS":"a"}}}                   | at Item.x: SS must be a JSON array, found a string
            set element number        | {"Item":{"x":{"SS":["a",1]}}}               | at Item.x.SS[1]: SS element must be a JSON string, found a number
            list not an array         | {"Item":{"x":{"L":{}}}}                     | at Item.x: L must be a JSON array, found an object
            map not an object         | {"Item":{"x":{"M":[]}}}                     | at Item.x: M must be a JSON object, found an array
            bad base64                | {"Item":{"x":{"B":"@@@"}}}                  | at Item.x: B is not valid base64
            bad base64 in set         | {"Item":{"x":{"BS":["AA==","A A="]}}}       | at Item.x.BS[1]: BS element is not valid base64
            deep path                 | {"Item":{"tags":{"L":[{"S":"a"},{"S":"b"},{"M":{"x":{"N":1}}}]}}} | at Item.tags.L[2].M.x: N must be a JSON string, found a number
            array line                | [{"Item":{}}]                               | expected a JSON object {"Item":{...}}, found an array
            string line               | "Item"                                      | expected a JSON object {"Item":{...}}, found a string
            not JSON                  | Item: pk=a                                  | invalid JSON near column 5
            missing Item              | {}                                          | line object has no field 'Item'
            other field               | {"Items":{}}                                | unexpected field 'Items', expected only 'Item'
            field after Item          | {"Item":{},"Keys":{}}                       | unexpected field 'Keys' after 'Item'
            second object on the line | {"Item":{}}{"Item":{}}                      | unexpected content after the line's JSON object
            Item not an object        | {"Item":[]}                                 | at Item: expected an attribute map object, found an array
            """)
    void fromLine_whenMalformed_throwsWithPathAndReason(String description, String line, String message) {
        assertThatThrownBy(() -> ItemLines.fromLine(line))
                .as(description)
                .isInstanceOf(MalformedItemException.class)
                .hasMessage(message)
                .hasNoCause();
    }

    @Test
    void fromLine_whenMalformed_exposesPathAndReasonSeparately() {
        MalformedItemException e = catchMalformed("{\"Item\":{\"x\":{\"N\":5}}}");

        assertThat(e.path()).hasValue("Item.x");
        assertThat(e.reason()).isEqualTo("N must be a JSON string, found a number");
        assertThat(e.lineNumber()).isEmpty();
    }

    @Test
    void fromLine_whenMalformed_neverQuotesAttributeValues() {
        // Jackson's own messages quote the offending token; ours must not, items may hold secrets.
        assertThat(catchMalformed("{\"Item\":{\"password\":{\"S\":hunter2}}}").getMessage())
                .doesNotContain("hunter2")
                .startsWith("at Item.password: invalid JSON near column ");
        assertThat(catchMalformed("{\"Item\":{\"password\":{\"S\":\"hunter2\",\"N\":\"1\"}}}").getMessage())
                .doesNotContain("hunter2");
        assertThat(catchMalformed("{\"Item\":{\"card\":{\"N\":4111111111111111}}}").getMessage())
                .doesNotContain("4111");
        assertThat(catchMalformed("{\"Item\":{\"x\":{\"B\":\"c2VjcmV0!\"}}}").getMessage())
                .doesNotContain("c2VjcmV0");
    }

    @Test
    void fromLine_whenAttributeNameHasControlCharacters_printsThemSafely() {
        MalformedItemException e = catchMalformed("{\"Item\":{\"a\\nb\":{\"N\":1}}}");

        assertThat(e.path()).hasValue("Item.a?b");
    }

    private static MalformedItemException catchMalformed(String line) {
        try {
            ItemLines.fromLine(line);
        } catch (MalformedItemException e) {
            return e;
        }
        throw new AssertionError("expected MalformedItemException");
    }
}
