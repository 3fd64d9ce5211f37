package dev.ddbbackup.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Typed, validated reads of string settings (environment variables, event fields, CLI options),
 * each error naming the setting and the fix.
 */
public final class Settings {

    private final Map<String, String> values;
    private final Set<String> namesRead = ConcurrentHashMap.newKeySet();

    public Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The process environment. */
    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    public Optional<String> optional(String name) {
        namesRead.add(name);
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String required(String name, String fix) {
        return optional(name).orElseThrow(() -> new ConfigException(name, "is not set; " + fix));
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    public int integer(String name, int defaultValue, int min, int max) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        return parseInt(name, v.get(), min, max);
    }

    /** An optional decimal within [min, max]. */
    public Optional<Double> decimal(String name, double min, double max) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            double d = Double.parseDouble(v.get());
            if (!(d >= min && d <= max)) {
                throw new ConfigException(name, "must be between " + min + " and " + max + ", got " + v.get());
            }
            return Optional.of(d);
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "must be a number between " + min + " and " + max + ", got '" + v.get() + "'");
        }
    }

    public boolean bool(String name, boolean defaultValue) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        return switch (v.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigException(name, "must be true or false, got '" + v.get() + "'");
        };
    }

    /** A comma-separated list; empty when unset. */
    public List<String> list(String name) {
        return optional(name)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /**
     * Every setting asked for so far, set or not: the deployment tests compare a function's with the
     * environment variables template.yaml sets.
     */
    public Set<String> namesRead() {
        return new TreeSet<>(namesRead);
    }

    public static int parseInt(String name, String value, int min, int max) {
        try {
            int i = Integer.parseInt(value.trim());
            if (i < min || i > max) {
                throw new ConfigException(name, "must be between " + min + " and " + max + ", got " + i);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "must be a whole number between " + min + " and " + max + ", got '" + value + "'");
        }
    }
}
