package dev.ddbbackup.cli.demo;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used by this JVM and by the DynamoDB process the demo started (DynamoDB Local, or the
 * synthetic endpoint), and on Linux by DynamoDB Local's {@code SQLiteQueue} thread, the one thread
 * that runs every SQL statement. The benchmark reads it around each measured run, to show which
 * process a run's time went to. A figure this platform cannot give is NaN.
 */
final class CpuMeter {

    /** Linux reports thread times in clock ticks of USER_HZ, which is 100 on every architecture. */
    private static final double TICKS_PER_SECOND = 100;
    private static final String SQLITE_THREAD = "SQLiteQueue";

    /** CPU seconds at one moment, or used between two moments ({@link #minus}). */
    record Reading(double ours, double dynamoDb, double sqliteThread) {
        Reading minus(Reading earlier) {
            return new Reading(ours - earlier.ours, dynamoDb - earlier.dynamoDb, sqliteThread - earlier.sqliteThread);
        }

        /** Both processes together. */
        double total() {
            return ours + dynamoDb;
        }
    }

    private final ProcessHandle dynamoDb;

    /** @param dynamoDb the DynamoDB process, or null when it runs inside this JVM */
    CpuMeter(ProcessHandle dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    Reading now() {
        return new Reading(seconds(ProcessHandle.current()), dynamoDb == null ? Double.NaN : seconds(dynamoDb), sqliteThreadSeconds());
    }

    /** CPU seconds a process has used so far, or NaN when the platform does not tell. */
    static double seconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    private double sqliteThreadSeconds() {
        if (dynamoDb == null) {
            return Double.NaN;
        }
        Path tasks = Path.of("/proc", Long.toString(dynamoDb.pid()), "task");
        if (!Files.isDirectory(tasks)) {
            return Double.NaN;
        }
        double seconds = 0;
        boolean found = false;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < open || !stat.substring(open + 1, close).startsWith(SQLITE_THREAD)) {
                    continue;
                }
                // After the name: state, then 10 fields, then utime and stime (fields 14 and 15 of proc(5)).
                String[] fields = stat.substring(close + 2).split(" ");
                seconds += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
                found = true;
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return found ? seconds : Double.NaN;
    }
}
