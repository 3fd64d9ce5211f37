package dev.ddbbackup.core.codec;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Decides whether two items hold the same data as DynamoDB sees it, so restore verification can
 * tell a real difference from a different spelling.
 *
 * <p>{@code N} values and {@code NS} elements compare numerically ({@code "1E+3"} equals
 * {@code "1000"}, {@code "1.50"} equals {@code "1.5"}, {@code "-0"} equals {@code "0"}), because
 * DynamoDB and emulators may normalise how a number is written. {@code SS}, {@code NS} and
 * {@code BS} compare as unordered sets, {@code L} in order, {@code M} by key regardless of key
 * order, {@code B} by bytes. A number that does not parse compares as its exact text.
 */
public final class ItemEquivalence {

    private ItemEquivalence() {
    }

    /** Whether two items hold the same attributes with equivalent values. */
    public static boolean equivalent(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
        return firstDifference(a, b).isEmpty();
    }

    /** Whether two values are equivalent. */
    public static boolean equivalent(AttributeValue a, AttributeValue b) {
        return valueDifference(a, b) == null;
    }

    /**
     * The path of the first attribute where two items differ, such as {@code Item.tags.L[2].M.x},
     * or empty if they are equivalent. A missing attribute is reported at its name; differing
     * lists at the first differing index (or the first index only one side has); differing sets at
     * the set itself. The path holds names only, never values, so it can be logged.
     */
    public static Optional<String> firstDifference(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
        String difference = mapDifference(a, b, true);
        return difference == null ? Optional.empty() : Optional.of(DynamoDbJsonCodec.ITEM_ROOT + difference);
    }

    /**
     * The path of the first difference between two values, rooted at {@code value} (for example
     * {@code value} itself or {@code value.M.x}), or empty if they are equivalent.
     */
    public static Optional<String> firstDifference(AttributeValue a, AttributeValue b) {
        String difference = valueDifference(a, b);
        return difference == null ? Optional.empty() : Optional.of(DynamoDbJsonCodec.VALUE_ROOT + difference);
    }

    /** Returns the path suffix of the first difference, or null when equivalent. */
    private static String mapDifference(Map<String, AttributeValue> a, Map<String, AttributeValue> b,
            boolean topLevel) {
        if (a == b) {
            return null;
        }
        if (a == null || b == null) {
            return "";
        }
        for (Map.Entry<String, AttributeValue> entry : a.entrySet()) {
            String name = entry.getKey();
            AttributeValue other = b.get(name);
            String difference = other == null && !b.containsKey(name)
                    ? ""
                    : valueDifference(entry.getValue(), other);
            if (difference != null) {
                return segment(name, topLevel) + difference;
            }
        }
        if (a.size() != b.size()) {
            for (String name : b.keySet()) {
                if (!a.containsKey(name)) {
                    return segment(name, topLevel);
                }
            }
        }
        return null;
    }

    private static String valueDifference(AttributeValue a, AttributeValue b) {
        if (a == b) {
            return null;
        }
        if (a == null || b == null || a.type() != b.type() || a.type() == null) {
            return "";
        }
        return switch (a.type()) {
            case S -> Objects.equals(a.s(), b.s()) ? null : "";
            case N -> sameNumber(a.n(), b.n()) ? null : "";
            case B -> Arrays.equals(bytes(a.b()), bytes(b.b())) ? null : "";
            case SS -> sameSet(a.ss(), b.ss(), element -> element) ? null : "";
            case NS -> sameSet(a.ns(), b.ns(), ItemEquivalence::numberKey) ? null : "";
            case BS -> sameSet(a.bs(), b.bs(), element -> element) ? null : "";
            case L -> listDifference(a.l(), b.l());
            case M -> mapDifference(a.m(), b.m(), false);
            case BOOL -> Objects.equals(a.bool(), b.bool()) ? null : "";
            case NUL -> Objects.equals(a.nul(), b.nul()) ? null : "";
            // Neither side has data we can see; equal SDK objects are the best we can say.
            default -> a.equals(b) ? null : "";
        };
    }

    private static String listDifference(List<AttributeValue> a, List<AttributeValue> b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            String difference = valueDifference(a.get(i), b.get(i));
            if (difference != null) {
                return PathSegments.element("L", i) + difference;
            }
        }
        return a.size() == b.size() ? null : PathSegments.element("L", common);
    }

    private static boolean sameNumber(String a, String b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        return numberKey(a).equals(numberKey(b));
    }

    /**
     * A key equal for numerically equal numbers: the value without trailing zeros (so its scale is
     * canonical and {@code equals}/{@code hashCode} agree with {@code compareTo}), or the raw text
     * when it is not a number.
     */
    private static Object numberKey(String text) {
        if (text == null) {
            return "";
        }
        try {
            return new BigDecimal(text).stripTrailingZeros();
        } catch (NumberFormatException | ArithmeticException e) {
            // ArithmeticException: the scale overflows, as for 1000E+2147483647.
            return text;
        }
    }

    private static <T> boolean sameSet(List<T> a, List<T> b, Function<? super T, ?> key) {
        if (a.equals(b)) {
            return true;
        }
        return keys(a, key).equals(keys(b, key));
    }

    private static <T> Set<Object> keys(List<T> elements, Function<? super T, ?> key) {
        Set<Object> keys = new HashSet<>(elements.size() * 2);
        for (T element : elements) {
            keys.add(key.apply(element));
        }
        return keys;
    }

    private static byte[] bytes(SdkBytes bytes) {
        return bytes == null ? null : bytes.asByteArrayUnsafe();
    }

    private static String segment(String name, boolean topLevel) {
        return topLevel ? PathSegments.attribute(name) : PathSegments.mapEntry(name);
    }
}
