package dev.ddbbackup.recovery.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A JSON value as Python's {@code json.loads} reads it, keeping each number's text as written: the
 * legacy backup's checksum is recomputed from these values, and its items are restored from them.
 */
sealed interface PlainJson {

    /** How Python's json module writes non-finite floats. */
    Set<String> PYTHON_NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");

    /** A JSON string. */
    record Str(String value) implements PlainJson {
        public Str {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A JSON number (or Python's {@code NaN}, {@code Infinity}, {@code -Infinity}), as written in the file. */
    record Num(String text) implements PlainJson {
        public Num {
            Objects.requireNonNull(text, "text");
        }

        /** Whether Python reads it as a float: it has a fraction or exponent, or is not finite. */
        public boolean isPythonFloat() {
            return text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0 || !isFinite();
        }

        /** False for {@code NaN}, {@code Infinity} and {@code -Infinity}, which no decimal number spells. */
        public boolean isFinite() {
            return !PYTHON_NON_FINITE.contains(text);
        }
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value) implements PlainJson {
    }

    /** {@code null}. */
    record Null() implements PlainJson {
        static final Null INSTANCE = new Null();
    }

    /** A JSON array. */
    record Arr(List<PlainJson> elements) implements PlainJson {
        public Arr {
            elements = List.copyOf(elements);
        }
    }

    /** A JSON object; members keep the file's order (Python's checksum sorts them itself). */
    record Obj(Map<String, PlainJson> members) implements PlainJson {
        public Obj {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }
    }

    /**
     * Reads the value whose first token is the parser's current token; on return the parser is on
     * the value's last token.
     *
     * @throws Problem if an object repeats a key: Python would keep only the last value, which
     *     silently drops data
     */
    static PlainJson read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new Problem("expected a JSON value, found the end of input");
        }
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> new Str(parser.getText());
            case VALUE_NUMBER_INT -> new Num(parser.getText());
            case VALUE_NUMBER_FLOAT -> readFloat(parser);
            case VALUE_TRUE -> new Bool(true);
            case VALUE_FALSE -> new Bool(false);
            case VALUE_NULL -> Null.INSTANCE;
            default -> throw new Problem("expected a JSON value, found " + token);
        };
    }

    /** Names the kind of a value for messages; never its content. */
    static String kind(PlainJson value) {
        if (value instanceof Str) {
            return "a string";
        }
        if (value instanceof Num) {
            return "a number";
        }
        if (value instanceof Bool) {
            return "a boolean";
        }
        if (value instanceof Null) {
            return "null";
        }
        return value instanceof Arr ? "an array" : "an object";
    }

    private static Num readFloat(JsonParser parser) throws IOException {
        String text = parser.getText();
        // Jackson also takes INF and +Infinity; Python's json.loads does not, so neither do we.
        if (parser.isNaN() && !PYTHON_NON_FINITE.contains(text)) {
            throw new Problem("non-finite number in a spelling Python's json module neither writes nor reads");
        }
        return new Num(text);
    }

    private static Obj readObject(JsonParser parser) throws IOException {
        Map<String, PlainJson> members = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            PlainJson value;
            try {
                value = read(parser);
            } catch (Problem problem) {
                throw problem.under(Problem.key(name));
            }
            if (members.put(name, value) != null) {
                throw new Problem("duplicate key").under(Problem.key(name));
            }
        }
        return new Obj(members);
    }

    private static Arr readArray(JsonParser parser) throws IOException {
        List<PlainJson> elements = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            try {
                elements.add(read(parser));
            } catch (Problem problem) {
                throw problem.under(Problem.index(elements.size()));
            }
        }
        return new Arr(elements);
    }

    /**
     * Something wrong inside one value, with the path to it ({@code .address.zip}, {@code [2]}) built
     * while the exception unwinds. It carries no stack trace: the source turns it into a
     * CorruptBackupException that names the file and item.
     */
    final class Problem extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient ArrayDeque<String> segments = new ArrayDeque<>();

        Problem(String reason) {
            super(reason, null, false, false);
        }

        static String key(String name) {
            return "." + SourceJson.printable(name);
        }

        static String index(int index) {
            return "[" + index + "]";
        }

        Problem under(String segment) {
            segments.addFirst(segment);
            return this;
        }

        /** The path below the value that was read, such as {@code .address.zip}; empty for the value itself. */
        String path() {
            return String.join("", segments);
        }

        String reason() {
            return getMessage();
        }
    }
}
