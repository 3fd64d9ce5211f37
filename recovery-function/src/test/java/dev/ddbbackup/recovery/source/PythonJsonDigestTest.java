package dev.ddbbackup.recovery.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The legacy checksum is Python's; every expectation here is python3's own output, produced in one
 * batch per test (see {@link Python3}: a missing python3 fails these tests).
 */
class PythonJsonDigestTest {

    private static final String DUMPS_FLOATS = String.join("\n",
            "import sys, struct, json",
            "for line in sys.stdin:",
            "    print(json.dumps(struct.unpack('<d', struct.pack('<q', int(line)))[0]))");

    private static final String DUMPS_DOCUMENTS = String.join("\n",
            "import sys, json",
            "for line in sys.stdin:",
            "    print(json.dumps(json.loads(line), sort_keys=True, default=str))");

    private static final String CHECKSUM = String.join("\n",
            "import sys, json, hashlib",
            "def calculate_checksum(items):",
            "    content = json.dumps(items, sort_keys=True, default=str)",
            "    return hashlib.sha256(content.encode()).hexdigest()",
            "print(calculate_checksum(json.loads(sys.stdin.read())))");

    @Test
    void floatRepr_whenNamedCases_writesPythonsRepr() {
        List<Double> values = List.of(1e16, 1.5e-5, 123.0, 0.1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.NaN, -0.0, 1e15, 1e-4, 5e-324, 1.2345678901234567e19);
        List<String> expected = List.of("1e+16", "1.5e-05", "123.0", "0.1", "Infinity", "-Infinity",
                "NaN", "-0.0", "1000000000000000.0", "0.0001", "5e-324", "1.2345678901234567e+19");

        assertThat(pythonFloats(values)).isEqualTo(expected);
        assertThat(values.stream().map(PythonJsonDigest::floatRepr).toList()).isEqualTo(expected);
    }

    @Test
    void floatRepr_whenBoundaryDoubles_matchesPython() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 2.0 / 3, 1.0 / 3, 100.0,
                9999999999999998.0, 1e22, 1e23, 1e-323, 2e-323, 1e-322, 9.9e-324, Double.MAX_VALUE, -Double.MAX_VALUE,
                Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), 9007199254740992.0, 9007199254740994.0,
                0.30000000000000004, 1e-7, 123456.789e3));
        for (int e = -1074; e <= 1023; e++) {
            double power = Math.scalb(1.0, e);
            values.add(power);
            values.add(Math.nextUp(power));
            values.add(Math.nextDown(power));
        }
        for (int e = -325; e <= 308; e++) {
            double power = Double.parseDouble("1e" + e);
            values.add(power);
            values.add(Math.nextUp(power));
            values.add(Math.nextDown(power));
            values.add(Double.parseDouble("5e" + e));
            values.add(Double.parseDouble("9.5e" + e));
        }

        assertFloatsMatchPython(values, "boundary doubles");
    }

    @Test
    void floatRepr_whenManyRandomDoubles_matchesPython() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            // any bit pattern: mostly 16-17 digit values across the whole exponent range
            values.add(Double.longBitsToDouble(random.nextLong()));
            // short decimals, where the one- and two-digit cases and the layout switch live
            StringBuilder digits = new StringBuilder().append(1 + random.nextInt(9)).append('.');
            for (int d = random.nextInt(17); d > 0; d--) {
                digits.append(random.nextInt(10));
            }
            values.add(Double.parseDouble(digits + "e" + (random.nextInt(650) - 330)));
            // integral values and values near the fixed/exponent switch at 1e16 and 1e-4
            values.add((double) (random.nextLong() >> random.nextInt(64)));
            values.add(random.nextDouble() * Math.pow(10, random.nextInt(24) - 6));
        }

        assertFloatsMatchPython(values, "random doubles, seed " + seed);
    }

    @Test
    void dumps_whenNamedDocuments_matchesPython() {
        List<String> documents = List.of(
                "{\"b\": 1, \"a\": [true, false, null], \"c\": {\"z\": \"\", \"y\": []}, \"d\": {}}",
                "{\"n\": -0, \"f\": -0.0, \"big\": 123456789012345678901234567890123, \"e\": 1E400, \"x\": 1e+16}",
                "{\"ints\": [0, -1, 10], \"floats\": [1.0, 1.5e-5, 1E2, 0.000100, 12345678901234567890.0]}",
                "[NaN, Infinity, -Infinity]",
                "{\"s\": \"quote \\\" backslash \\\\ slash / \\/ tab \\t nl \\n cr \\r bs \\b ff \\f\"}",
                "{\"ctl\": \"\\u0000\\u0001\\u001f\\u007f\\u0080\\u009f\", \"bom\": \"\\ufeff\"}",
                "{\"text\": \"\u00dcn\u00efc\u00f8d\u00e9 \u6771\u4eac \u2028\u2029\"}",
                "{\"emoji\": \"\uD83D\uDE00\", \"escaped\": \"\\ud83d\\ude80\", \"lone\": \"\\ud800 \\udfff x\"}",
                // code-point order: U+E000 sorts before U+1F600, although its UTF-16 unit is larger
                "{\"\uE000\": 1, \"\uD83D\uDE00\": 2, \"\uFFFF\": 3, \"a\": 4, \"\u00e9\": 5, \"\": 6, \"A\": 7}",
                "{\"nested\": {\"k2\": [{\"b\": 1, \"a\": 2}], \"k1\": \"v\"}}");

        List<String> expected = Python3.lines(Python3.run(DUMPS_DOCUMENTS, lines(documents)));

        assertThat(documents.stream().map(PythonJsonDigestTest::javaDumps).toList()).isEqualTo(expected);
        assertThat(expected.get(8)).isEqualTo("{\"\": 6, \"A\": 7, \"a\": 4, \"\\u00e9\": 5, \"\\ue000\": 1, "
                + "\"\\uffff\": 3, \"\\ud83d\\ude00\": 2}");
        assertThat(expected.get(1)).isEqualTo("{\"big\": 123456789012345678901234567890123, \"e\": Infinity, "
                + "\"f\": -0.0, \"n\": 0, \"x\": 1e+16}");
    }

    @Test
    void dumps_whenManyRandomDocuments_matchesPython() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            StringBuilder out = new StringBuilder();
            randomObject(random, 0, out);
            documents.add(out.toString());
        }

        List<String> expected = Python3.lines(Python3.run(DUMPS_DOCUMENTS, lines(documents)));

        List<String> actual = documents.stream().map(PythonJsonDigestTest::javaDumps).toList();
        for (int i = 0; i < documents.size(); i++) {
            assertThat(actual.get(i)).as("document %d of seed %d: %s", i, seed, documents.get(i))
                    .isEqualTo(expected.get(i));
        }
    }

    @Test
    void finishHex_whenElementsAddedOneByOne_equalsPythonChecksumOfTheList() {
        List<String> items = List.of(
                "{\"pk\": \"a\", \"price\": 12.5, \"tags\": \"{'x', 'y'}\"}",
                "{\"pk\": \"\u00e9\uD83D\uDE00\", \"n\": 1.2345678901234567e+19, \"m\": {\"b\": \"1.5\", \"a\": \"2\"}}",
                "{\"pk\": \"c\", \"ok\": true, \"none\": null, \"list\": [1, 2.0, \"3\"]}");
        PythonJsonDigest digest = new PythonJsonDigest();
        items.forEach(item -> digest.add(parse(item)));

        String expected = Python3.run(CHECKSUM, "[" + String.join(", ", items) + "]").strip();

        assertThat(digest.finishHex()).isEqualTo(expected).hasSize(64);
    }

    @Test
    void finishHex_whenNoElements_equalsPythonChecksumOfEmptyList() {
        String expected = Python3.run(CHECKSUM, "[]").strip();

        assertThat(new PythonJsonDigest().finishHex()).isEqualTo(expected);
    }

    @Test
    void finishHex_whenOneCharacterDiffers_differs() {
        PythonJsonDigest original = new PythonJsonDigest();
        original.add(parse("{\"a\": \"value\"}"));
        PythonJsonDigest changed = new PythonJsonDigest();
        changed.add(parse("{\"a\": \"valuf\"}"));

        assertThat(changed.finishHex()).isNotEqualTo(original.finishHex());
    }

    private static void assertFloatsMatchPython(List<Double> values, String what) {
        List<String> expected = pythonFloats(values);
        List<String> actual = values.stream().map(PythonJsonDigest::floatRepr).toList();
        assertThat(actual).hasSameSizeAs(expected);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < values.size() && mismatches.size() < 20; i++) {
            if (!actual.get(i).equals(expected.get(i))) {
                mismatches.add(Double.toHexString(values.get(i)) + ": java " + actual.get(i)
                        + ", python " + expected.get(i));
            }
        }
        assertThat(mismatches).as(what).isEmpty();
    }

    private static List<String> pythonFloats(List<Double> values) {
        String input = values.stream().map(v -> Long.toString(Double.doubleToRawLongBits(v)))
                .collect(Collectors.joining("\n", "", "\n"));
        return Python3.lines(Python3.run(DUMPS_FLOATS, input));
    }

    private static String lines(List<String> documents) {
        return String.join("\n", documents) + "\n";
    }

    private static String javaDumps(String json) {
        return PythonJsonDigest.dumps(parse(json));
    }

    static PlainJson parse(String json) {
        try (JsonParser parser = SourceJson.FACTORY.createParser(json)) {
            parser.nextToken();
            return PlainJson.read(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- random JSON, written with \\u escapes only, so the input does not share code with the output ----

    private static void randomValue(Random random, int depth, StringBuilder out) {
        int kind = random.nextInt(depth >= 3 ? 6 : 8);
        switch (kind) {
            case 0, 1 -> randomString(random, out);
            case 2 -> out.append(randomNumber(random));
            case 3 -> out.append(random.nextBoolean() ? "true" : "false");
            case 4 -> out.append("null");
            case 5 -> out.append(List.of("NaN", "Infinity", "-Infinity").get(random.nextInt(3)));
            case 6 -> {
                out.append('[');
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    randomValue(random, depth + 1, out);
                }
                out.append(']');
            }
            default -> randomObject(random, depth + 1, out);
        }
    }

    private static void randomObject(Random random, int depth, StringBuilder out) {
        out.append('{');
        int n = random.nextInt(6);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = randomText(random);
            if (keys.contains(key)) {
                continue;
            }
            if (!keys.isEmpty()) {
                out.append(',');
            }
            keys.add(key);
            writeEscaped(key, random, out);
            out.append(':');
            randomValue(random, depth, out);
        }
        out.append('}');
    }

    private static void randomString(Random random, StringBuilder out) {
        writeEscaped(randomText(random), random, out);
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(6); n > 0; n--) {
            int c = switch (random.nextInt(6)) {
                case 0 -> 0x20 + random.nextInt(0x5f); // printable ASCII
                case 1 -> random.nextInt(0x20); // controls
                case 2 -> 0x7f + random.nextInt(0x800); // DEL, Latin, ...
                case 3 -> 0xd800 + random.nextInt(0x800); // surrogates, paired by chance or lone
                case 4 -> 0xe000 + random.nextInt(0x2000); // private use .. U+FFFF
                default -> 0x10000 + random.nextInt(0x10000); // astral, as a pair
            };
            text.appendCodePoint(c);
        }
        return text.toString();
    }

    private static void writeEscaped(String text, Random random, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x7f) {
                appendEscape(c, random, out);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static void appendEscape(char c, Random random, StringBuilder out) {
        String hex = String.format("%04x", (int) c);
        out.append("\\u").append(random.nextBoolean() ? hex : hex.toUpperCase());
    }

    private static String randomNumber(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> Integer.toString(random.nextInt());
            case 1 -> new BigDecimal(random.nextLong()).multiply(new BigDecimal(random.nextLong())).toString();
            case 2 -> random.nextBoolean() ? "-0" : "0";
            case 3 -> random.nextInt(1000) + "." + random.nextInt(1000);
            case 4 -> (random.nextBoolean() ? "-" : "") + (1 + random.nextInt(9)) + (random.nextBoolean() ? "e" : "E")
                    + (random.nextBoolean() ? "+" : "-") + random.nextInt(400);
            case 5 -> "-0.0";
            default -> Double.toString(Double.longBitsToDouble(random.nextLong())).replace("NaN", "1.0")
                    .replace("Infinity", "1e999");
        };
    }
}
