package dev.ddbbackup.recovery.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Legacy backup documents written by python3 as the seed backup function writes them (resource legacy/make_document.py). */
final class LegacyDocuments {

    private static final String SCRIPT = resource("/legacy/make_document.py");

    private LegacyDocuments() {
    }

    /** A document holding {@code items} (JSON texts, read by Python's json.loads), fields in Python's order. */
    static String of(List<String> items) {
        return Python3.run(SCRIPT, "{\"items\": " + array(items) + "}");
    }

    /** A document with only the named fields, in the given order. */
    static String withFields(List<String> items, List<String> order) {
        String names = order.stream().map(name -> "\"" + name + "\"").collect(Collectors.joining(", ", "[", "]"));
        return Python3.run(SCRIPT, "{\"items\": " + array(items) + ", \"order\": " + names + "}");
    }

    private static String array(List<String> items) {
        return "[" + String.join(", ", items) + "]";
    }

    static String resource(String name) {
        try (InputStream in = LegacyDocuments.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
