package dev.ddbbackup.recovery.cfn;

import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.config.Settings;
import dev.ddbbackup.core.format.BackupLayout;
import dev.ddbbackup.core.metrics.CloudWatchMetricsPublisher;
import dev.ddbbackup.core.notify.Notifier;
import dev.ddbbackup.recovery.RecoveryConfig;
import dev.ddbbackup.recovery.RestoreDrill;
import dev.ddbbackup.recovery.RestoreOptions;
import dev.ddbbackup.recovery.RestoreService;
import java.time.Clock;

/** Builds the production {@link RestoreTest} for the Lambda handler's init phase. */
public final class RestoreTests {

    private RestoreTests() {}

    /**
     * A {@link RestoreDrill} on the recovery service, with clients from the standard SDK settings and
     * metrics to {@code METRICS_NAMESPACE} (default {@code BackupDR/Recovery}). The CloudFormation answer
     * is the report, so no SNS message is sent.
     */
    public static RestoreTest fromEnvironment() {
        return from(Settings.fromEnvironment(), AwsClients.fromEnvironment(64));
    }

    /** As {@link #fromEnvironment()}, with the settings and clients given (the deployment tests read the settings). */
    public static RestoreTest from(Settings env, AwsClients clients) {
        RestoreService service = new RestoreService(clients.dynamoDb(), clients.s3(), (BackupLayout) null, Notifier.none(),
                new CloudWatchMetricsPublisher(clients.cloudWatch(), env.string("METRICS_NAMESPACE", RecoveryConfig.DEFAULT_NAMESPACE)),
                RestoreOptions.DEFAULT, Clock.systemUTC());
        return new RestoreDrill(service, clients.dynamoDb());
    }
}
