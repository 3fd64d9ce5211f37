package dev.ddbbackup.recovery.cfn;

import dev.ddbbackup.core.time.Deadline;

/**
 * Proves that the latest backup of a table can be restored: restore it into the request's scratch table,
 * compare every item with the backup, delete the scratch table, and say what was found.
 *
 * <p>Implementations check {@link Deadline#isNear()} between units of work; once it is near they stop,
 * delete the scratch table and return an outcome that did not pass, saying so in its reason. A test that
 * cannot run at all (no backup, no access) throws an unchecked exception whose first message line says
 * why; that line becomes the CloudFormation failure reason, so it must never hold item values.
 */
public interface RestoreTest {

    RestoreTestOutcome run(RestoreTestRequest request, Deadline deadline);
}
