package dev.ddbbackup.core.codec;

/**
 * Renders the pieces of attribute paths ({@code Item.tags.L[2].M.x}) shared by the codec's
 * error messages and {@link ItemEquivalence#firstDifference}, so both speak the same syntax.
 */
final class PathSegments {

    // Attribute names may be up to 64 KB and contain control characters; a path is for a human
    // reading a log line, so long names are cut and control characters cannot forge new lines.
    private static final int MAX_NAME_CHARS = 100;

    private PathSegments() {
    }

    /** A top-level attribute of an item: {@code .name}. */
    static String attribute(String name) {
        return "." + printable(name);
    }

    /** An entry of an {@code M} value: {@code .M.key}. */
    static String mapEntry(String key) {
        return ".M." + printable(key);
    }

    /** An element of an {@code L} value or of a set: {@code .L[2]}, {@code .SS[0]}. */
    static String element(String typeKey, int index) {
        return "." + typeKey + "[" + index + "]";
    }

    /** A name, key or type key made safe to show in a message. */
    static String printable(String name) {
        if (name == null) {
            return "<null>";
        }
        int length = Math.min(name.length(), MAX_NAME_CHARS);
        StringBuilder out = new StringBuilder(length + 1);
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            out.append(c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        if (name.length() > MAX_NAME_CHARS) {
            out.append('\u2026');
        }
        return out.toString();
    }
}
