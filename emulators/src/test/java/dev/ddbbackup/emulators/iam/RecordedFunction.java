package dev.ddbbackup.emulators.iam;

/** Stands in for a Lambda handler in IamRecordingIT: its IAM list is RecordedFunction-iam-actions.txt. */
final class RecordedFunction {
    private RecordedFunction() {}
}
