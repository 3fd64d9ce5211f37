package dev.ddbbackup.deployment;

import dev.ddbbackup.backup.BackupConfig;
import dev.ddbbackup.backup.BackupEvent;
import dev.ddbbackup.core.aws.AwsClients;
import dev.ddbbackup.core.config.Settings;
import dev.ddbbackup.recovery.RecoveryConfig;
import dev.ddbbackup.recovery.RecoveryEvent;
import dev.ddbbackup.recovery.cfn.CustomResourceEvent;
import dev.ddbbackup.recovery.cfn.RestoreTestConfig;
import dev.ddbbackup.recovery.cfn.RestoreTests;
import dev.ddbbackup.rotation.RotationConfig;
import dev.ddbbackup.rotation.RotationEvent;
import dev.ddbbackup.validation.ValidationConfig;
import dev.ddbbackup.validation.ValidationEvent;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import software.amazon.awssdk.regions.Region;

/**
 * What the template tests need to know of each function's code, by handler class: how its handler's
 * constructor reads its settings (so the tests can see which environment variables it asks for), which
 * events/ files are its events, and how it parses them. Adding a function to the template means adding
 * its entry here (and its module as a test dependency of this one).
 */
final class FunctionContracts {

    /**
     * @param readSettings  what the handler's no-arg constructor does with Settings.fromEnvironment()
     * @param eventPrefix   events/ files whose name starts with this are this function's events
     * @param parseEvent    the handler's own event parsing, with the settings the template gives it
     */
    record Contract(Consumer<Settings> readSettings, String eventPrefix, BiConsumer<Settings, byte[]> parseEvent) {}

    static final Map<String, Contract> BY_HANDLER = Map.of(
            "dev.ddbbackup.backup.BackupHandler", new Contract(
                    BackupConfig::from, "backup-",
                    (env, event) -> BackupEvent.parse(event, BackupConfig.from(env))),
            "dev.ddbbackup.recovery.RecoveryHandler", new Contract(
                    RecoveryConfig::from, "recovery-",
                    (env, event) -> RecoveryEvent.parse(event, RecoveryConfig.from(env))),
            "dev.ddbbackup.recovery.cfn.RestoreTestHandler", new Contract(
                    env -> {
                        RestoreTestConfig.from(env);
                        try (AwsClients clients = new AwsClients(Region.US_EAST_1, 1)) {
                            RestoreTests.from(env, clients);
                        }
                    }, "restore-test-",
                    (env, event) -> CustomResourceEvent.parse(event)),
            "dev.ddbbackup.rotation.RotationHandler", new Contract(
                    RotationConfig::from, "rotation-",
                    (env, event) -> RotationEvent.parse(event, RotationConfig.from(env))),
            "dev.ddbbackup.validation.ValidationHandler", new Contract(
                    ValidationConfig::from, "validation-",
                    (env, event) -> {
                        ValidationConfig config = ValidationConfig.from(env);
                        // A drill needs the backup bucket: the handler refuses {"drill": true} without one.
                        if (ValidationEvent.parse(event) instanceof ValidationEvent.Scheduled s && s.drill()) {
                            config.plan().withDrill("drill");
                        }
                    }));

    private FunctionContracts() {}

    static Contract of(String handlerClass) {
        Contract c = BY_HANDLER.get(handlerClass);
        if (c == null) {
            throw new IllegalStateException("no contract for " + handlerClass + ": add it to FunctionContracts");
        }
        return c;
    }

    /** The environment variable names a handler's constructor asks for, given the template's values. */
    static List<String> namesRead(String handlerClass, Map<String, String> environment) {
        Settings env = new Settings(environment);
        of(handlerClass).readSettings().accept(env);
        return List.copyOf(env.namesRead());
    }
}
