package dev.ddbbackup.recovery.source;

import java.io.Closeable;
import java.io.IOException;

/** Streams the operations of one part, in file order. */
public interface OperationReader extends Closeable {

    /** The next operation, or null at the end of the part. */
    ItemOperation next() throws IOException;
}
