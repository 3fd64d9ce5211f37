package dev.ddbbackup.recovery.source;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Streams the operations of one part, in file order. */
public interface OperationReader extends Closeable {

    /** The next operation, or null at the end of the part. */
    ItemOperation next() throws IOException;

    /** Reads the next whole item, or null at the end. */
    @FunctionalInterface
    interface ItemSupplier {
        Map<String, AttributeValue> next() throws IOException;
    }

    /** A reader whose every item is a put: formats that hold whole items only. */
    static OperationReader puts(ItemSupplier items, Closeable resource) {
        return new OperationReader() {
            @Override
            public ItemOperation next() throws IOException {
                Map<String, AttributeValue> item = items.next();
                return item == null ? null : ItemOperation.put(item);
            }

            @Override
            public void close() throws IOException {
                resource.close();
            }
        };
    }
}
