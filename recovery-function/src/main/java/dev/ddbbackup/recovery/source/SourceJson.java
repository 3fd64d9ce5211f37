package dev.ddbbackup.recovery.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;

/** The JSON parser settings and name printing shared by the foreign-format sources. */
final class SourceJson {

    /**
     * Parsers over whole source files. Python's json module writes {@code NaN} and {@code Infinity}
     * for non-finite floats, so the legacy reader must see them to recompute the checksum and then
     * refuse them by name; input is not quoted in locations because it holds item values;
     * attribute names are not interned because a table can have any number of distinct ones.
     */
    static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private SourceJson() {
    }

    /** A name from the file made safe for a message: control characters replaced, long names cut. */
    static String printable(String name) {
        int length = Math.min(name.length(), 100);
        StringBuilder out = new StringBuilder(length + 1);
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            out.append(c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        if (name.length() > length) {
            out.append('\u2026');
        }
        return out.toString();
    }
}
