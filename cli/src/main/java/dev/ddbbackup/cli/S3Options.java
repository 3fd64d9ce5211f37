package dev.ddbbackup.cli;

import dev.ddbbackup.core.config.ConfigException;
import dev.ddbbackup.core.format.BackupLayout;
import picocli.CommandLine.Option;

/** The options every command that reads or writes backups shares. */
final class S3Options {

    @Option(names = "--bucket", description = "S3 bucket holding the backups (required, except for restore --pitr; validate checks S3 backups only with it).")
    String bucket;

    @Option(names = "--prefix", defaultValue = BackupLayout.DEFAULT_PREFIX,
            description = "Key prefix of the backups (default: ${DEFAULT-VALUE}).")
    String prefix;

    /** The bucket; a usage error naming --bucket when it was not given. */
    String bucket() {
        if (bucket == null || bucket.isBlank()) {
            throw new ConfigException("--bucket", "is required: the S3 bucket holding the backups");
        }
        return bucket;
    }

    BackupLayout layout() {
        try {
            return new BackupLayout(prefix);
        } catch (ConfigException e) {
            throw new ConfigException("--prefix", e.getMessage().substring(e.getMessage().indexOf(':') + 2));
        }
    }
}
