package dev.ddbbackup.cli;

import dev.ddbbackup.core.errors.ErrorText;
import dev.ddbbackup.cli.demo.BenchmarkCommand;
import dev.ddbbackup.cli.demo.DemoCommand;
import dev.ddbbackup.core.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ddb-backup} command: the Lambda functions' services from a terminal. Exit codes: 0 ok,
 * 1 operation failed, 2 bad usage.
 */
@Command(name = "ddb-backup", mixinStandardHelpOptions = true, version = "ddb-backup 0.1.0",
        description = "Back up, list, verify and restore DynamoDB table backups in S3, rotate native DynamoDB backups,"
                + " and validate that every backup exists, is intact and restores.",
        subcommands = {BackupCommand.class, ListCommand.class, VerifyCommand.class, RestoreCommand.class, RotateCommand.class,
                ValidateCommand.class, DemoCommand.class, BenchmarkCommand.class})
public final class Main {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage() + " (see 'ddb-backup " + commandName(ex.getCommandLine()) + "--help')");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ConfigException) {
                err.println("error: " + ex.getMessage());
                return USAGE;
            }
            err.println("error: " + ErrorText.firstLine(ex));
            return FAILED;
        });
        return cl.execute(args);
    }

    private static String commandName(CommandLine cl) {
        return cl.getCommandName().equals("ddb-backup") ? "" : cl.getCommandName() + " ";
    }
}
