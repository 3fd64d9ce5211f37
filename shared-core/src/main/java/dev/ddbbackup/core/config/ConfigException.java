package dev.ddbbackup.core.config;

/** Bad configuration or input: names the setting and how to fix it, and nothing has been changed. */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public ConfigException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The environment variable, event field or CLI option at fault. */
    public String field() {
        return field;
    }
}
