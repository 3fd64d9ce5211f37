package dev.ddbbackup.core.codec;

import static dev.ddbbackup.core.codec.TestItems.b;
import static dev.ddbbackup.core.codec.TestItems.item;
import static dev.ddbbackup.core.codec.TestItems.l;
import static dev.ddbbackup.core.codec.TestItems.m;
import static dev.ddbbackup.core.codec.TestItems.n;
import static dev.ddbbackup.core.codec.TestItems.s;
import static dev.ddbbackup.core.codec.TestItems.ss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemLineReaderTest {

    @Test
    void next_whenWrittenByItemLineWriter_returnsEveryItemThenNull() throws IOException {
        List<Map<String, AttributeValue>> items = List.of(
                item("pk", s("a"), "n", n("1E+3")),
                item("pk", s("b"), "tags", ss("x", "y"), "m", m("l", l(b(1, 2)))),
                item("pk", s("😀\u2028\n")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ItemLineWriter writer = new ItemLineWriter(out)) {
            for (Map<String, AttributeValue> item : items) {
                writer.write(item);
            }
            assertThat(writer.itemCount()).isEqualTo(3);
        }

        List<Map<String, AttributeValue>> read = readAll(new ItemLineReader(new ByteArrayInputStream(out.toByteArray())));

        assertThat(read).isEqualTo(items);
    }

    @Test
    void write_whenSeveralItems_writesOneToLinePerLine() throws IOException {
        Map<String, AttributeValue> first = item("pk", s("a"));
        Map<String, AttributeValue> second = item("pk", s("b😀"), "n", n("-0"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ItemLineWriter writer = new ItemLineWriter(out)) {
            writer.write(first);
            writer.write(second);
        }

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(ItemLines.toLine(first) + "\n" + ItemLines.toLine(second) + "\n");
    }

    @Test
    void next_whenFiftyThousandLinesFromAGeneratedStream_streamsThemAll() throws IOException {
        // The input is produced on demand, one line at a time, so it never exists as a whole.
        int count = 50_000;
        try (ItemLineReader reader = new ItemLineReader(generatedLines(count))) {
            long seen = 0;
            Map<String, AttributeValue> item;
            while ((item = reader.next()) != null) {
                assertThat(item.get("pk").s()).isEqualTo("item-" + seen);
                assertThat(item.get("n").n()).isEqualTo(seen + ".5E+3");
                assertThat(reader.lineNumber()).isEqualTo(seen + 1);
                seen++;
            }
            assertThat(seen).isEqualTo(count);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void next_whenLineIsMalformed_throwsWithItsLineNumber() throws IOException {
        String input = line("a") + "\n" + line("b") + "\n" + "{\"Item\":{\"x\":{\"N\":5}}}\n" + line("d") + "\n";

        try (ItemLineReader reader = reader(input)) {
            reader.next();
            reader.next();

            assertThatThrownBy(reader::next)
                    .isInstanceOf(MalformedItemException.class)
                    .hasMessage("line 3, at Item.x: N must be a JSON string, found a number")
                    .satisfies(e -> assertThat(((MalformedItemException) e).lineNumber()).hasValue(3));
        }
    }

    @Test
    void next_whenLineIsTruncated_throwsWithItsLineNumberAndPath() throws IOException {
        String input = line("a") + "\n" + "{\"Item\":{\"pk\":{\"S\":\"b\"},\"tags\":{\"L\":[{\"S\":\"x\"},{\"S\":\"y\n" + line("c");

        try (ItemLineReader reader = reader(input)) {
            reader.next();

            assertThatThrownBy(reader::next)
                    .isInstanceOf(MalformedItemException.class)
                    .hasMessage("line 2, at Item.tags.L[1]: truncated JSON (unexpected end of input)");
        }
    }

    @Test
    void next_whenLineIsNotAnObject_throwsWithItsLineNumber() throws IOException {
        try (ItemLineReader reader = reader(line("a") + "\n[1,2]\n")) {
            reader.next();

            assertThatThrownBy(reader::next)
                    .isInstanceOf(MalformedItemException.class)
                    .hasMessage("line 2: expected a JSON object {\"Item\":{...}}, found an array");
        }
    }

    @Test
    void next_whenInvalidUtf8_throwsWithItsLineNumber() throws IOException {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes((line("a") + "\n" + line("b") + "\n").getBytes(StandardCharsets.UTF_8));
        input.writeBytes("{\"Item\":{\"pk\":{\"S\":\"".getBytes(StandardCharsets.UTF_8));
        input.writeBytes(new byte[] {'x', (byte) 0xc3, (byte) 0x28, 'y'});
        input.writeBytes(("\"}}}\n" + line("d") + "\n").getBytes(StandardCharsets.UTF_8));

        try (ItemLineReader reader = new ItemLineReader(new ByteArrayInputStream(input.toByteArray()))) {
            reader.next();
            reader.next();

            assertThatThrownBy(reader::next)
                    .isInstanceOf(MalformedItemException.class)
                    .hasMessageStartingWith("line 3, at Item.pk: invalid UTF-8");
        }
    }

    @Test
    void next_whenBlankLinesAtTheEnd_ignoresThem() throws IOException {
        try (ItemLineReader reader = reader(line("a") + "\n" + line("b") + "\n\n  \n\r\n")) {
            assertThat(readAll(reader)).hasSize(2);
        }
    }

    @Test
    void next_whenLastLineHasNoNewline_readsIt() throws IOException {
        try (ItemLineReader reader = reader(line("a") + "\n" + line("b"))) {
            assertThat(readAll(reader)).extracting(item -> item.get("pk").s()).containsExactly("a", "b");
        }
    }

    @Test
    void next_whenEmptyInput_returnsNull() throws IOException {
        try (ItemLineReader reader = reader("")) {
            assertThat(reader.next()).isNull();
            assertThat(reader.lineNumber()).isZero();
        }
    }

    @Test
    void next_whenBlankLineBetweenItems_throwsAtTheBlankLine() throws IOException {
        try (ItemLineReader reader = reader(line("a") + "\n\n" + line("c") + "\n")) {
            reader.next();

            assertThatThrownBy(reader::next)
                    .isInstanceOf(MalformedItemException.class)
                    .hasMessage("line 2: blank line between items");
        }
    }

    @Test
    void next_whenCrLfLineEnds_readsEveryLine() throws IOException {
        try (ItemLineReader reader = reader(line("a") + "\r\n" + line("b") + "\r\n")) {
            assertThat(readAll(reader)).extracting(item -> item.get("pk").s()).containsExactly("a", "b");
        }
    }

    @Test
    void next_whenLinesAreLongerThanTheInitialBuffer_readsThem() throws IOException {
        String big = "x".repeat(300_000);
        String input = line("a") + "\n" + ItemLines.toLine(item("pk", s(big))) + "\n" + line("c") + "\n";

        try (ItemLineReader reader = reader(input)) {
            assertThat(readAll(reader)).extracting(item -> item.get("pk").s()).containsExactly("a", big, "c");
        }
    }

    @Test
    void next_whenLineExceedsTheLimit_throwsInsteadOfBufferingForever() throws IOException {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return ' ';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                Arrays.fill(buffer, offset, offset + length, (byte) ' ');
                return length;
            }
        };

        try (ItemLineReader reader = new ItemLineReader(endless)) {
            assertThatThrownBy(reader::next)
                    .isInstanceOf(MalformedItemException.class)
                    .hasMessage("line 1: line is longer than " + ItemLineReader.MAX_LINE_LENGTH + " bytes");
        }
    }

    @Test
    void close_whenCalled_closesTheInput() throws IOException {
        boolean[] closed = {false};
        InputStream input = new ByteArrayInputStream(new byte[0]) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        new ItemLineReader(input).close();

        assertThat(closed[0]).isTrue();
    }

    private static String line(String pk) {
        return ItemLines.toLine(item("pk", s(pk)));
    }

    private static ItemLineReader reader(String input) {
        return new ItemLineReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Map<String, AttributeValue>> readAll(ItemLineReader reader) throws IOException {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> item;
        while ((item = reader.next()) != null) {
            items.add(item);
        }
        return items;
    }

    /**
     * A stream of {@code count} lines, each built only when the reader gets to it; every read
     * returns at most one line, so the reader refills its buffer constantly.
     */
    private static InputStream generatedLines(int count) {
        return new SequenceInputStream(new Enumeration<>() {
            private int next;

            @Override
            public boolean hasMoreElements() {
                return next < count;
            }

            @Override
            public InputStream nextElement() {
                if (!hasMoreElements()) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                String line = ItemLines.toLine(item("pk", s("item-" + i), "n", n(i + ".5E+3"), "b", b(i & 0xff))) + "\n";
                return new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8));
            }
        });
    }
}
