package dev.ddbbackup.core.scan;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Receives one segment's pages, on that segment's worker thread. */
public interface SegmentSink extends AutoCloseable {

    void accept(List<Map<String, AttributeValue>> page) throws IOException;

    /** Called once after the segment's last page (not after a failure). */
    @Override
    void close() throws IOException;
}
