package dev.ddbbackup.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.format.FormatJson;
import java.io.IOException;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Keeps restore checkpoints in the backup bucket, at {@code {prefix}/.restores/{restoreId}.json}.
 */
public final class CheckpointStore {

    private static final Pattern RESTORE_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final ObjectMapper JSON = FormatJson.MAPPER;

    private final S3Client s3;
    private final String bucket;
    private final BackupLayout layout;

    public CheckpointStore(S3Client s3, String bucket, BackupLayout layout) {
        this.s3 = s3;
        this.bucket = bucket;
        this.layout = layout;
    }

    /** Checks a restore id from an event or the command line. */
    public static String requireRestoreId(String field, String id) {
        if (id == null || !RESTORE_ID.matcher(id).matches() || id.contains("..")) {
            throw new ConfigException(field, "'" + id + "' is not a restore id; use the restoreId an INCOMPLETE restore returned");
        }
        return id;
    }

    public void save(RestoreCheckpoint checkpoint) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(checkpoint);
        } catch (IOException e) {
            throw new IllegalStateException("checkpoint of " + checkpoint.restoreId() + " could not be serialized", e);
        }
        s3.putObject(b -> b.bucket(bucket).key(layout.restoreCheckpointKey(checkpoint.restoreId())).contentType("application/json"),
                RequestBody.fromBytes(body));
    }

    /** The checkpoint of a restore; a ConfigException naming restore_id when there is none. */
    public RestoreCheckpoint load(String restoreId) {
        String key = layout.restoreCheckpointKey(requireRestoreId("restore_id", restoreId));
        try {
            byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
            return JSON.readValue(bytes, RestoreCheckpoint.class);
        } catch (NoSuchKeyException e) {
            throw new ConfigException("restore_id", "no checkpoint s3://" + bucket + "/" + key
                    + "; check the id and that the bucket and prefix are the ones the restore used");
        } catch (IOException e) {
            throw new IllegalStateException("checkpoint s3://" + bucket + "/" + key + " is not readable: " + e.getMessage(), e);
        }
    }

    public String location(String restoreId) {
        return "s3://" + bucket + "/" + layout.restoreCheckpointKey(restoreId);
    }
}
