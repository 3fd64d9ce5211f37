package dev.ddbbackup.recovery;

import dev.ddbbackup.core.errors.ErrorText;
import dev.ddbbackup.core.time.Deadline;
import dev.ddbbackup.recovery.cfn.RestoreTest;
import dev.ddbbackup.recovery.cfn.RestoreTestOutcome;
import dev.ddbbackup.recovery.cfn.RestoreTestRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * A restore test with the real recovery service: the latest backup of a table restored into a new
 * scratch table (deletion protection off, fail_if_exists so nothing existing is touched), every item read
 * back and compared, and the scratch table deleted whatever happened.
 */
public final class RestoreDrill implements RestoreTest {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreDrill.class);

    private final RestoreService restores;
    private final DynamoDbClient dynamoDb;

    public RestoreDrill(RestoreService restores, DynamoDbClient dynamoDb) {
        this.restores = restores;
        this.dynamoDb = dynamoDb;
    }

    @Override
    public RestoreTestOutcome run(RestoreTestRequest request, Deadline deadline) {
        long started = System.nanoTime();
        RestoreResult r;
        try {
            r = restores.restore(new RestoreRequest(new SourceSpec.Backup(request.backupBucket(), request.prefix(), request.tableName(), null),
                    request.scratchTable(), RestoreRequest.Mode.FAIL_IF_EXISTS, 25, null, false), deadline);
        } finally {
            deleteScratch(request.scratchTable());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        ReadBackReport rb = r.readBack();
        boolean passed = r.status() == RestoreResult.Status.SUCCEEDED && rb != null && rb.ok();
        String reason = passed ? "restored and compared " + rb.expected() + " items from " + r.source()
                : r.status() == RestoreResult.Status.INCOMPLETE ? "ran out of time: " + r.error()
                : r.error() != null ? r.error() : "read-back was not run";
        return new RestoreTestOutcome(passed, request.scratchTable(), rb == null ? r.itemsExpected() : rb.expected(),
                rb == null ? 0 : rb.found(), rb == null ? 0 : rb.different(), rb == null ? 0 : rb.missing(), seconds, reason);
    }

    private void deleteScratch(String table) {
        try {
            dynamoDb.deleteTable(d -> d.tableName(table));
        } catch (ResourceNotFoundException e) {
            // the restore never created it (refused before the first write)
        } catch (DynamoDbException e) {
            LOG.warn("scratch table {} was not deleted: {}", table, ErrorText.firstLine(e));
            throw e;
        }
    }
}
