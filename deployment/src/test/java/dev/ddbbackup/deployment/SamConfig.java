package dev.ddbbackup.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameter_overrides of each environment in ../samconfig.toml. Reads only what the file uses:
 * [env.command.parameters] tables of {@code key = "string"}, with parameter_overrides written as
 * space-separated {@code Name="value"} pairs, as sam deploy --guided writes them.
 */
final class SamConfig {

    private static final Pattern TABLE = Pattern.compile("^\\[([A-Za-z0-9_-]+)\\.([a-z_]+)\\.parameters]$");
    private static final Pattern ENTRY = Pattern.compile("^([a-z_]+)\\s*=\\s*(.+)$");
    private static final Pattern OVERRIDE = Pattern.compile("([A-Za-z0-9]+)=\\\\?\"((?:[^\"\\\\]|\\\\.)*?)\\\\?\"");

    private SamConfig() {}

    /** Each environment's deploy table, key to value (strings unquoted). */
    static Map<String, Map<String, String>> deployTables() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Template.ROOT.resolve("samconfig.toml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher table = TABLE.matcher(line);
            if (table.matches()) {
                current = table.group(2).equals("deploy") ? tables.computeIfAbsent(table.group(1), e -> new LinkedHashMap<>()) : null;
                continue;
            }
            Matcher entry = ENTRY.matcher(line);
            if (current != null && entry.matches()) {
                String v = entry.group(2).strip();
                current.put(entry.group(1), v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v);
            }
        }
        return tables;
    }

    /** Each environment's parameter overrides. */
    static Map<String, Map<String, String>> environments() {
        Map<String, Map<String, String>> envs = new LinkedHashMap<>();
        deployTables().forEach((env, table) -> {
            Map<String, String> overrides = new LinkedHashMap<>();
            String text = table.getOrDefault("parameter_overrides", "");
            Matcher m = OVERRIDE.matcher(text);
            while (m.find()) {
                overrides.put(m.group(1), m.group(2));
            }
            envs.put(env, overrides);
        });
        return envs;
    }
}
