package dev.ddbbackup.recovery.source;

import dev.ddbbackup.core.config.ConfigException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one DynamoDB native export lives in its bucket, {@code {root}AWSDynamoDB/{exportId}/}, and
 * which data keys its {@code manifest-files.json} may name.
 *
 * <p>A full export keeps its data in its own {@code {exportId}/data/} folder; incremental exports
 * share {@code {root}AWSDynamoDB/data/} (seen in real exports: their manifests name
 * {@code AWSDynamoDB/data/<file>.json.gz}). Manifests name keys as they were when DynamoDB wrote
 * them, with or without the export prefix, so a key is resolved by what follows its last
 * {@code AWSDynamoDB/}: that keeps a copied or moved export readable and confines every data key
 * to the folders above.
 *
 * @param folder   the export folder, ending in {@code /}
 * @param exportId the folder's own name (the last part of the export ARN)
 * @param root     the export prefix before {@code AWSDynamoDB/}, empty or ending in {@code /}
 */
record NativeExportFolder(String folder, String exportId, String root) {

    static final String MARKER = "AWSDynamoDB/";
    static final String SUMMARY = "manifest-summary.json";

    private static final Pattern FOLDER = Pattern.compile("(|.*/)" + MARKER + "([^/]+)/");

    NativeExportFolder {
        if (!folder.equals(root + MARKER + exportId + "/")) {
            throw new IllegalArgumentException("folder " + folder + " is not " + root + MARKER + exportId + "/");
        }
    }

    /**
     * Reads the folder from an export folder key ({@code .../AWSDynamoDB/{exportId}/}, with or without
     * the slash) or the key of its {@code manifest-summary.json}.
     *
     * @throws ConfigException (field {@link NativeExportSource#INPUT_FIELD}) if the key is not one
     */
    static NativeExportFolder of(String key) {
        if (key == null || key.isBlank()) {
            throw new ConfigException(NativeExportSource.INPUT_FIELD, "an export folder key is blank; give the key of "
                    + "an export folder such as prefix/AWSDynamoDB/01700000000000-abcd1234/");
        }
        if (key.startsWith("s3://")) {
            throw new ConfigException(NativeExportSource.INPUT_FIELD, key + " is a URL; give the bucket separately and "
                    + "the export folder as a key, such as prefix/AWSDynamoDB/01700000000000-abcd1234/");
        }
        String folder = key;
        if (folder.endsWith("/" + SUMMARY) || folder.equals(SUMMARY)) {
            folder = folder.substring(0, folder.length() - SUMMARY.length());
        } else if (!folder.endsWith("/")) {
            folder = folder + "/";
        }
        Matcher m = FOLDER.matcher(folder);
        String exportId = m.matches() ? m.group(2) : null;
        if (exportId == null || exportId.equals("data") || exportId.equals(".") || exportId.equals("..")) {
            throw new ConfigException(NativeExportSource.INPUT_FIELD, key + " is not a DynamoDB export folder; give the "
                    + "folder that holds manifest-summary.json, such as prefix/AWSDynamoDB/01700000000000-abcd1234/");
        }
        return new NativeExportFolder(folder, exportId, m.group(1));
    }

    String summaryKey() {
        return folder + SUMMARY;
    }

    String manifestFilesKey() {
        return folder + "manifest-files.json";
    }

    /** DynamoDB's base64 MD5 of manifest-files.json (real exports name it .md5; the guide says .checksum). */
    String manifestFilesMd5Key() {
        return folder + "manifest-files.md5";
    }

    /** Whether a {@code manifestFilesS3Key} from the summary names this folder's manifest-files.json. */
    boolean isOwnManifestFiles(String keyInSummary) {
        String rel = relative(keyInSummary);
        return rel != null && rel.equals(exportId + "/manifest-files.json");
    }

    /**
     * Resolves a {@code dataFileS3Key} to the key to read.
     *
     * @throws IllegalArgumentException saying why the key is refused: a {@code .}, {@code ..} or empty
     *     path segment, or a location outside the export's data folder (or, for an incremental export,
     *     the shared data folder)
     */
    String resolveDataKey(String keyInManifest, boolean incremental) {
        for (String segment : keyInManifest.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("data file key " + keyInManifest
                        + " has an empty, '.' or '..' path segment; a DynamoDB export never does");
            }
        }
        String rel = relative(keyInManifest);
        String name = rel == null ? null
                : rel.startsWith(exportId + "/data/") ? rel.substring(exportId.length() + 6)
                : incremental && rel.startsWith("data/") ? rel.substring(5)
                : null;
        if (name == null || name.contains("/")) {
            throw new IllegalArgumentException("data file key " + keyInManifest + " is outside the export's data folder "
                    + folder + "data/" + (incremental ? " and the shared " + root + MARKER + "data/" : ""));
        }
        return rel.startsWith("data/") ? root + MARKER + rel : folder + "data/" + name;
    }

    /** What follows the key's last {@code AWSDynamoDB/} (at its start or after a slash), or null. */
    private static String relative(String key) {
        int at = key.lastIndexOf(MARKER);
        if (at < 0 || (at > 0 && key.charAt(at - 1) != '/')) {
            return null;
        }
        return key.substring(at + MARKER.length());
    }
}
