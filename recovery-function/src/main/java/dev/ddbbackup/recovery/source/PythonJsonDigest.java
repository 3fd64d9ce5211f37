package dev.ddbbackup.recovery.source;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Recomputes the seed backup function's checksum,
 * {@code hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()}, one
 * element of {@code data} at a time, by writing each value exactly as Python's {@code json.dumps}
 * does: {@code ", "} and {@code ": "} separators, keys sorted by code point, ASCII-only string
 * escapes, integers as written and floats in Python's shortest round-trip {@code repr}.
 *
 * <p>Use: {@link #add} every element in order, then {@link #finishHex()} once. Only the current
 * element's text is held in memory.
 */
final class PythonJsonDigest {

    /** Python sorts str keys by code point; String.compareTo compares UTF-16 units, which differs above U+FFFF. */
    static final Comparator<String> CODE_POINT_ORDER = PythonJsonDigest::compareCodePoints;

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final MathContext ONE_DIGIT_DOWN = new MathContext(1, RoundingMode.FLOOR);
    private static final MathContext ONE_DIGIT_UP = new MathContext(1, RoundingMode.CEILING);

    private final MessageDigest sha256;
    private final StringBuilder text = new StringBuilder(1024);
    private long elements;
    private boolean finished;

    PythonJsonDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JVM lacks SHA-256", e);
        }
        sha256.update((byte) '[');
    }

    /** Adds the next element of the list. */
    void add(PlainJson element) {
        if (finished) {
            throw new IllegalStateException("digest already finished");
        }
        text.setLength(0);
        if (elements++ > 0) {
            text.append(", ");
        }
        write(element, text);
        // ensure_ascii output is pure ASCII, so each char is one UTF-8 byte.
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        sha256.update(bytes);
    }

    /** Closes the list and returns the lowercase hex SHA-256, as {@code hexdigest()} does. */
    String finishHex() {
        if (finished) {
            throw new IllegalStateException("digest already finished");
        }
        finished = true;
        sha256.update((byte) ']');
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** {@code json.dumps(value, sort_keys=True, default=str)} of one value. */
    static String dumps(PlainJson value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    static void write(PlainJson value, StringBuilder out) {
        if (value instanceof PlainJson.Str str) {
            writeString(str.value(), out);
        } else if (value instanceof PlainJson.Num num) {
            out.append(num.isPythonFloat() ? floatRepr(Double.parseDouble(num.text())) : intRepr(num.text()));
        } else if (value instanceof PlainJson.Bool bool) {
            out.append(bool.value() ? "true" : "false");
        } else if (value instanceof PlainJson.Null) {
            out.append("null");
        } else if (value instanceof PlainJson.Arr arr) {
            out.append('[');
            List<PlainJson> elements = arr.elements();
            for (int i = 0; i < elements.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                write(elements.get(i), out);
            }
            out.append(']');
        } else {
            writeObject(((PlainJson.Obj) value).members(), out);
        }
    }

    private static void writeObject(Map<String, PlainJson> members, StringBuilder out) {
        List<Map.Entry<String, PlainJson>> entries = new ArrayList<>(members.entrySet());
        entries.sort(Map.Entry.comparingByKey(CODE_POINT_ORDER));
        out.append('{');
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            writeString(entries.get(i).getKey(), out);
            out.append(": ");
            write(entries.get(i).getValue(), out);
        }
        out.append('}');
    }

    /**
     * Python's {@code int(text)} printed back: JSON integers have no leading zeros or plus sign,
     * so only negative zero changes.
     */
    static String intRepr(String text) {
        return text.equals("-0") ? "0" : text;
    }

    /**
     * Python's {@code float.__repr__} as json.dumps uses it: the shortest digits that read back as
     * the same double (the nearest such, ties to even), in fixed notation when the decimal
     * exponent is from -4 to 15 and as {@code 1.5e-05} / {@code 1e+16} otherwise; json.dumps spells
     * the non-finite values {@code NaN}, {@code Infinity} and {@code -Infinity}.
     */
    static String floatRepr(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        String sign = Double.doubleToRawLongBits(value) < 0 ? "-" : "";
        double magnitude = Math.abs(value);
        if (magnitude == 0) {
            return sign + "0.0";
        }
        // Schubfach gives the shortest digits, except that (like JDK 19's Double.toString) it
        // never gives fewer than two: 4.9E-324 where Python writes 5e-324.
        BigDecimal decimal = new BigDecimal(DoubleToDecimal.toString(magnitude)).stripTrailingZeros();
        if (decimal.precision() == 2) {
            decimal = shortestOneDigit(magnitude, decimal);
        }
        String digits = decimal.unscaledValue().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        return sign + layout(digits, exponent);
    }

    /** The one-digit decimal that reads back as {@code magnitude}, if any (the nearer of two); else {@code twoDigits}. */
    private static BigDecimal shortestOneDigit(double magnitude, BigDecimal twoDigits) {
        BigDecimal exact = new BigDecimal(magnitude);
        BigDecimal down = exact.round(ONE_DIGIT_DOWN);
        BigDecimal up = exact.round(ONE_DIGIT_UP);
        boolean downFits = Double.parseDouble(down.toString()) == magnitude;
        boolean upFits = Double.parseDouble(up.toString()) == magnitude;
        if (downFits && upFits) {
            int order = exact.subtract(down).compareTo(up.subtract(exact));
            if (order != 0) {
                return order < 0 ? down : up;
            }
            return down.unscaledValue().testBit(0) ? up : down;
        }
        if (downFits) {
            return down;
        }
        return upFits ? up : twoDigits;
    }

    /** Python's float_repr_style 'short' layout of {@code d.ddd x 10^exponent}. */
    private static String layout(String digits, int exponent) {
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (exponent < -4 || exponent >= 16) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append(exponent < 0 ? "e-" : "e+");
            int magnitude = Math.abs(exponent);
            if (magnitude < 10) {
                out.append('0');
            }
            return out.append(magnitude).toString();
        }
        if (exponent < 0) {
            out.append("0.");
            for (int i = -1; i > exponent; i--) {
                out.append('0');
            }
            return out.append(digits).toString();
        }
        int integerDigits = exponent + 1;
        if (digits.length() <= integerDigits) {
            out.append(digits);
            for (int i = digits.length(); i < integerDigits; i++) {
                out.append('0');
            }
            return out.append(".0").toString();
        }
        return out.append(digits, 0, integerDigits).append('.').append(digits, integerDigits, digits.length())
                .toString();
    }

    /**
     * Python's {@code json.dumps} string with {@code ensure_ascii=True}: {@code \"}, {@code \\},
     * {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f}; every other character outside
     * space..tilde as {@code \}{@code u} and four lowercase hex digits, characters above U+FFFF
     * as their surrogate pair (which is what a Java string holds); {@code /} is not escaped.
     */
    static void writeString(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c >= ' ' && c <= '~') {
                        out.append(c);
                    } else {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    }
                }
            }
        }
        out.append('"');
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
