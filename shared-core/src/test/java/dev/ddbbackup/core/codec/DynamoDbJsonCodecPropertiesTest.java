package dev.ddbbackup.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Properties over random items of every type, nested up to depth 4, with unicode strings, valid
 * numbers in plain and exponent spellings, and random bytes.
 */
class DynamoDbJsonCodecPropertiesTest {

    private static final int MAX_DEPTH = 4;

    @Property
    void toLineThenFromLine_whenAnyItem_returnsAnEqualItemInTheSameOrder(@ForAll("items") Map<String, AttributeValue> item) {
        Map<String, AttributeValue> read = ItemLines.fromLine(ItemLines.toLine(item));

        assertThat(read).isEqualTo(item);
        assertThat(read.keySet()).containsExactlyElementsOf(item.keySet());
    }

    @Property(tries = 200)
    void writerThenReader_whenAnyItems_returnsEqualItems(@ForAll("itemLists") List<Map<String, AttributeValue>> items)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ItemLineWriter writer = new ItemLineWriter(out)) {
            for (Map<String, AttributeValue> item : items) {
                writer.write(item);
            }
        }

        List<Map<String, AttributeValue>> read = new ArrayList<>();
        try (ItemLineReader reader = new ItemLineReader(new ByteArrayInputStream(out.toByteArray()))) {
            Map<String, AttributeValue> item;
            while ((item = reader.next()) != null) {
                read.add(item);
            }
        }
        assertThat(read).isEqualTo(items);
    }

    @Property
    void toLineThenFromLine_whenAnyItemInEitherFormat_returnsAnEqualItemInTheSameOrder(
            @ForAll("items") Map<String, AttributeValue> item, @ForAll ItemLineFormat format) {
        Map<String, AttributeValue> read = ItemLines.fromLine(ItemLines.toLine(item, format), format);

        assertThat(read).isEqualTo(item);
        assertThat(read.keySet()).containsExactlyElementsOf(item.keySet());
    }

    @Property(tries = 200)
    void writerThenReader_whenAnyItemsAsDataPipelineLines_returnsEqualItems(
            @ForAll("itemLists") List<Map<String, AttributeValue>> items) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ItemLineWriter writer = new ItemLineWriter(out, ItemLineFormat.DATA_PIPELINE)) {
            for (Map<String, AttributeValue> item : items) {
                writer.write(item);
            }
        }

        List<Map<String, AttributeValue>> read = new ArrayList<>();
        try (ItemLineReader reader = new ItemLineReader(new ByteArrayInputStream(out.toByteArray()),
                ItemLineFormat.DATA_PIPELINE)) {
            Map<String, AttributeValue> item;
            while ((item = reader.next()) != null) {
                read.add(item);
            }
        }
        assertThat(read).isEqualTo(items);
    }

    @Property
    void dataPipelineLine_whenAnyItem_isTheNativeLinesItemWithOtherTypeKeys(@ForAll("items") Map<String, AttributeValue> item)
            throws IOException {
        // Both shapes come from one codec: parsed as plain JSON, the Data Pipeline line is the native line's
        // "Item" with every type key respelled, and nothing else differs.
        ObjectMapper json = new ObjectMapper();
        JsonNode nativeItem = json.readTree(ItemLines.toLine(item)).get("Item");
        JsonNode dataPipeline = json.readTree(ItemLines.toLine(item, ItemLineFormat.DATA_PIPELINE));

        assertThat(respellTypeKeys(dataPipeline, false)).isEqualTo(nativeItem);
    }

    /** The node with DynamoDB's type keys in place of Data Pipeline's; {@code typed} says whether it is a typed value. */
    private static JsonNode respellTypeKeys(JsonNode node,
            boolean typed) {
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> array.add(respellTypeKeys(element, element.isObject())));
            return array;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        node.fields().forEachRemaining(field -> {
            if (typed) {
                String key = switch (field.getKey()) {
                    case "s" -> "S";
                    case "n" -> "N";
                    case "b" -> "B";
                    case "sS" -> "SS";
                    case "nS" -> "NS";
                    case "bS" -> "BS";
                    case "l" -> "L";
                    case "m" -> "M";
                    case "bOOL" -> "BOOL";
                    case "nULL" -> "NULL";
                    default -> throw new AssertionError("unexpected Data Pipeline type key " + field.getKey());
                };
                // What a type key holds is a scalar, an array (whose objects are typed values) or an attribute map.
                object.set(key, respellTypeKeys(field.getValue(), false));
            } else {
                object.set(field.getKey(), respellTypeKeys(field.getValue(), true));
            }
        });
        return object;
    }

    @Property
    void equivalent_whenSameItem_isTrue(@ForAll("items") Map<String, AttributeValue> item) {
        assertThat(ItemEquivalence.equivalent(item, item)).isTrue();
        assertThat(ItemEquivalence.equivalent(item, ItemLines.fromLine(ItemLines.toLine(item)))).isTrue();
        assertThat(ItemEquivalence.firstDifference(item, item)).isEmpty();
    }

    @Property
    void equivalent_whenNumbersRespelled_isTrueButNotEqual(@ForAll("items") Map<String, AttributeValue> item,
            @ForAll("numbers") String number) {
        Map<String, AttributeValue> original = new LinkedHashMap<>(item);
        original.put("number", AttributeValue.fromN(number));
        original.put("list", AttributeValue.fromL(List.of(AttributeValue.fromN(number))));
        original.put("set", AttributeValue.fromNs(List.of(number, "1")));
        Map<String, AttributeValue> respelled = new LinkedHashMap<>(original);
        String other = respell(number);
        respelled.put("number", AttributeValue.fromN(other));
        respelled.put("list", AttributeValue.fromL(List.of(AttributeValue.fromN(other))));
        respelled.put("set", AttributeValue.fromNs(List.of("1.0", other)));

        assertThat(other).isNotEqualTo(number);
        assertThat(ItemEquivalence.equivalent(original, respelled)).isTrue();
        assertThat(respelled).isNotEqualTo(original);
    }

    @Property
    void firstDifference_whenNumberChanged_namesIt(@ForAll("items") Map<String, AttributeValue> item,
            @ForAll("numbers") String number) {
        Map<String, AttributeValue> a = new LinkedHashMap<>(item);
        a.put("changed", AttributeValue.fromM(Map.of("n", AttributeValue.fromN(number))));
        Map<String, AttributeValue> b = new LinkedHashMap<>(item);
        String bigger = new BigDecimal(number).add(BigDecimal.ONE.movePointLeft(140)).toString();
        b.put("changed", AttributeValue.fromM(Map.of("n", AttributeValue.fromN(bigger))));

        assertThat(ItemEquivalence.firstDifference(a, b)).hasValue("Item.changed.M.n");
    }

    @Property
    void isValidNumber_whenGeneratedValidNumber_isTrue(@ForAll("numbers") String number) {
        assertThat(DynamoDbNumbers.isValidNumber(number)).isTrue();
    }

    @Property
    void toLine_whenAnyBytes_writesStandardBase64(@ForAll byte[] bytes) {
        String line = ItemLines.toLine(Map.of("b", AttributeValue.fromB(SdkBytes.fromByteArray(bytes))));

        assertThat(line).isEqualTo("{\"Item\":{\"b\":{\"B\":\"" + Base64.getEncoder().encodeToString(bytes) + "\"}}}");
    }

    @Provide
    Arbitrary<Map<String, AttributeValue>> items() {
        return attributeMaps(value(MAX_DEPTH), 1, 6);
    }

    @Provide
    Arbitrary<List<Map<String, AttributeValue>>> itemLists() {
        return items().list().ofMaxSize(8);
    }

    /**
     * Valid DynamoDB numbers: 1 to 38 significant digits, scientific exponent from -130 to 125,
     * written in exponent form ({@code 1.25E+3}, {@code -4e-130}) or, when short enough, plain
     * ({@code 1250}, {@code 0.00125}); plus zeros.
     */
    @Provide
    Arbitrary<String> numbers() {
        Arbitrary<String> digits = Combinators.combine(
                        Arbitraries.integers().between(1, 9),
                        Arbitraries.strings().withCharRange('0', '9').ofMaxLength(37))
                .as((first, rest) -> first + rest);
        Arbitrary<String> nonZero = Combinators.combine(
                        Arbitraries.of("", "-"),
                        digits,
                        Arbitraries.integers().between(-130, 125),
                        Arbitraries.of("E", "e", "E+", "plain"))
                .as(DynamoDbJsonCodecPropertiesTest::spell);
        return Arbitraries.frequencyOf(
                Tuple.of(20, nonZero),
                Tuple.of(1, Arbitraries.of("0", "-0", "0.0", "0E+3")));
    }

    private static String spell(String sign, String digits, int exponent, String style) {
        if (!style.equals("plain") || exponent > 40 || exponent < -40) {
            String fraction = digits.length() > 1 ? "." + digits.substring(1) : "";
            String exponentSign = exponent < 0 ? "-" : style.endsWith("+") ? "+" : "";
            String mark = style.equals("plain") ? "E" : style.substring(0, 1);
            return sign + digits.charAt(0) + fraction + mark + exponentSign + Math.abs(exponent);
        }
        int integerDigits = exponent + 1;
        if (integerDigits <= 0) {
            return sign + "0." + "0".repeat(-integerDigits) + digits;
        }
        if (integerDigits >= digits.length()) {
            return sign + digits + "0".repeat(integerDigits - digits.length());
        }
        return sign + digits.substring(0, integerDigits) + "." + digits.substring(integerDigits);
    }

    /** Another spelling of the same number, always different text. */
    private static String respell(String number) {
        BigDecimal value = new BigDecimal(number);
        String plain = value.toPlainString();
        String candidate = plain.contains(".") ? plain + "0" : plain + ".0";
        return candidate.equals(number) ? candidate + "0" : candidate;
    }

    private Arbitrary<AttributeValue> value(int depth) {
        Arbitrary<AttributeValue> scalar = Arbitraries.oneOf(
                strings().map(AttributeValue::fromS),
                numbers().map(AttributeValue::fromN),
                binaries().map(AttributeValue::fromB),
                strings().set().ofMinSize(1).ofMaxSize(4).map(set -> AttributeValue.fromSs(new ArrayList<>(set))),
                numbers().set().ofMinSize(1).ofMaxSize(4).map(set -> AttributeValue.fromNs(new ArrayList<>(set))),
                binaries().set().ofMinSize(1).ofMaxSize(4).map(set -> AttributeValue.fromBs(new ArrayList<>(set))),
                Arbitraries.of(true, false).map(AttributeValue::fromBool),
                Arbitraries.just(AttributeValue.fromNul(true)));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<AttributeValue> deeper = value(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(5, scalar),
                Tuple.of(1, deeper.list().ofMaxSize(4).map(AttributeValue::fromL)),
                Tuple.of(1, attributeMaps(deeper, 0, 4).map(AttributeValue::fromM)));
    }

    /**
     * Maps with names in generated order. Built from a list of entries because jqwik's own
     * {@code maps()} is about a hundred times slower and would dominate the test time.
     */
    private static Arbitrary<Map<String, AttributeValue>> attributeMaps(Arbitrary<AttributeValue> values,
            int minSize, int maxSize) {
        return Combinators.combine(names(), values).as(Map::entry)
                .list().ofMinSize(minSize).ofMaxSize(maxSize)
                .map(entries -> {
                    // A repeated name keeps its first value; the map stays non-empty if the list was.
                    Map<String, AttributeValue> map = new LinkedHashMap<>();
                    entries.forEach(entry -> map.putIfAbsent(entry.getKey(), entry.getValue()));
                    return map;
                });
    }

    private static Arbitrary<String> names() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().alpha().numeric().withChars('_', '-', '.').ofMinLength(1).ofMaxLength(12)),
                Tuple.of(1, strings().filter(name -> !name.isEmpty())));
    }

    /**
     * Strings of whole code points (no lone surrogates, which DynamoDB cannot store), weighted
     * towards what JSON must escape and what needs surrogate pairs.
     */
    private static Arbitrary<String> strings() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0x20, 0x7e)),
                Tuple.of(2, Arbitraries.integers().between(0x00, 0x1f)),
                Tuple.of(2, Arbitraries.of(0x22, 0x5c, 0x2f, 0x7f, 0x2028, 0x2029, 0xfeff, 0xfffe, 0xffff)),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0xd7ff)),
                Tuple.of(1, Arbitraries.integers().between(0xe000, 0xfffd)),
                Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10ffff)));
        return codePoint.list().ofMaxSize(16).map(codePoints -> {
            StringBuilder text = new StringBuilder();
            codePoints.forEach(text::appendCodePoint);
            return text.toString();
        });
    }

    private static Arbitrary<SdkBytes> binaries() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(SdkBytes::fromByteArray);
    }
}
