package dev.ddbbackup.recovery.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbbackup.core.format.CorruptBackupException;
import dev.ddbbackup.core.format.FormatJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code manifest} file of an AWS Data Pipeline DynamoDB export folder,
 * {@code {"name":"DynamoDB-export","version":3,"entries":[{"url":"s3://bucket/key","mandatory":true},...]}},
 * read into the data files it lists, in its order. An entry must point into the same bucket and
 * below the manifest's own folder, without {@code ..}: a manifest is data, and must not steer a
 * restore to other objects.
 *
 * @param entries the data files, in manifest order
 */
record DataPipelineManifest(List<Entry> entries) {

    /** The file name Data Pipeline gives the manifest in the export folder. */
    static final String FILE_NAME = "manifest";

    private static final String EXPECTED_NAME = "DynamoDB-export";

    DataPipelineManifest {
        entries = List.copyOf(entries);
    }

    /**
     * One listed data file.
     *
     * @param key       the object key, inside the export folder
     * @param mandatory whether the export needs it ({@code mandatory} is true unless the manifest says false)
     */
    record Entry(String key, boolean mandatory) {
        Entry {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * Parses a manifest read from {@code folder + "manifest"} in {@code bucket}.
     *
     * @param folder the export folder, ending with {@code /}
     * @throws CorruptBackupException naming the manifest and the entry when anything is wrong
     */
    static DataPipelineManifest parse(byte[] json, String bucket, String folder) {
        String location = folder + FILE_NAME;
        JsonNode root;
        try {
            root = FormatJson.MAPPER.readTree(json);
        } catch (IOException e) {
            // Jackson's message would quote the file; the manifest is small, so no position either.
            throw new CorruptBackupException(location, "is not valid JSON; a Data Pipeline manifest is "
                    + "{\"name\":\"DynamoDB-export\",\"entries\":[{\"url\":\"s3://...\"},...]}");
        }
        if (root == null || !root.isObject()) {
            throw new CorruptBackupException(location, "is not a JSON object");
        }
        JsonNode name = root.get("name");
        if (name != null && !EXPECTED_NAME.equals(name.asText(null))) {
            throw new CorruptBackupException(location, "is named '" + SourceJson.printable(name.asText(""))
                    + "', not '" + EXPECTED_NAME + "'; it is not a Data Pipeline DynamoDB export manifest");
        }
        JsonNode list = root.get("entries");
        if (list == null || !list.isArray()) {
            throw new CorruptBackupException(location, "has no 'entries' array listing the export's data files");
        }
        String prefix = "s3://" + bucket + "/";
        List<Entry> entries = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String where = "entries[" + i + "]";
            JsonNode url = entry.get("url");
            if (url == null || !url.isTextual()) {
                throw new CorruptBackupException(location, where + " has no 'url' string");
            }
            String text = url.asText();
            if (!text.startsWith(prefix)) {
                throw new CorruptBackupException(location, where + " points outside s3://" + bucket
                        + "/; an export's data files are in its own bucket and folder");
            }
            String key = text.substring(prefix.length());
            if (!key.startsWith(folder) || key.length() == folder.length() || key.contains("..")) {
                throw new CorruptBackupException(location, where + " points outside the export folder " + folder
                        + " (or uses '..'); refusing to read objects the manifest's folder does not hold");
            }
            if (!keys.add(key)) {
                throw new CorruptBackupException(location, where + " lists " + key + " a second time");
            }
            JsonNode mandatory = entry.get("mandatory");
            if (mandatory != null && !mandatory.isBoolean()) {
                throw new CorruptBackupException(location, where + " has a 'mandatory' that is not true or false");
            }
            entries.add(new Entry(key, mandatory == null || mandatory.booleanValue()));
        }
        return new DataPipelineManifest(entries);
    }
}
