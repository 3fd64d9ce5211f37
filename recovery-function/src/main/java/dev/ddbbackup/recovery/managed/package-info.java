/**
 * Restores that DynamoDB and AWS Backup perform themselves: point-in-time recovery
 * ({@link dev.ddbbackup.recovery.managed.PitrRestoreService}) and AWS Backup recovery points
 * ({@link dev.ddbbackup.recovery.managed.AwsBackupRestoreService}), with their requests read from
 * invocation events. Plain services: nothing here knows about Lambda.
 */
package dev.ddbbackup.recovery.managed;
