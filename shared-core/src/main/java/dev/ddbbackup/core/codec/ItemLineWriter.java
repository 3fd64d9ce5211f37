package dev.ddbbackup.core.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Streams items to a data file as UTF-8 lines, one item per line ({@code {"Item":{...}}\n} unless
 * another {@link ItemLineFormat} is chosen), the counterpart of {@link ItemLineReader}; it buffers
 * one small Jackson buffer, never the items.
 *
 * <p>Not thread-safe. If {@link #write} throws, the output already holds part of a line and the
 * file must be discarded.
 */
public final class ItemLineWriter implements Closeable, Flushable {

    private final JsonGenerator gen;
    private final ItemLineFormat format;
    private long itemCount;

    /**
     * Creates a writer of {@code {"Item":{...}}} lines over {@code out}; {@link #close()} closes
     * {@code out} too.
     */
    public ItemLineWriter(OutputStream out) throws IOException {
        this(out, ItemLineFormat.DYNAMODB_JSON);
    }

    /** Creates a writer of {@code format} lines over {@code out}; {@link #close()} closes {@code out} too. */
    public ItemLineWriter(OutputStream out, ItemLineFormat format) throws IOException {
        this.format = Objects.requireNonNull(format, "format");
        this.gen = DynamoDbJsonCodec.JSON_FACTORY.createGenerator(out);
    }

    /**
     * Writes one item and its newline.
     *
     * @throws MalformedItemException if the item breaks a type rule
     */
    public void write(Map<String, AttributeValue> item) throws IOException {
        ItemLines.writeLine(gen, item, format);
        gen.writeRaw('\n');
        itemCount++;
    }

    /** How many items were written. */
    public long itemCount() {
        return itemCount;
    }

    /** Pushes buffered bytes to the underlying stream and flushes it. */
    @Override
    public void flush() throws IOException {
        gen.flush();
    }

    /** Flushes and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        gen.close();
    }
}
