package dev.ddbbackup.validation;

/** What a check found: PASS, WARN (worth a look, not a failure) or FAIL (the run fails). */
public enum Outcome {
    PASS,
    WARN,
    FAIL
}
