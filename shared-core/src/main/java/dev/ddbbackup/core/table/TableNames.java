package dev.ddbbackup.core.table;

import dev.ddbbackup.core.config.ConfigException;
import java.util.regex.Pattern;

/** DynamoDB's table-name rule, checked before any call so bad input changes nothing. */
public final class TableNames {

    /** The rule as a regular expression, for patterns that embed a table name (ARNs, file names). */
    public static final String REGEX = "[a-zA-Z0-9_.-]{3,255}";

    private static final Pattern VALID = Pattern.compile(REGEX);

    private TableNames() {}

    /** Whether {@code name} follows the rule. */
    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** Returns the name, or throws naming {@code field} and the rule. */
    public static String require(String field, String name) {
        if (!isValid(name)) {
            throw new ConfigException(field, "'" + (name == null ? "" : name)
                    + "' is not a valid table name: use 3-255 characters from a-z, A-Z, 0-9, '_', '-', '.'");
        }
        return name;
    }
}
