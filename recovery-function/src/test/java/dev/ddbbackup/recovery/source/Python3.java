package dev.ddbbackup.recovery.source;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs python3 as the ground truth for the legacy format. A missing python3 fails the test: the
 * checksum rules are Python's, and a test that quietly passed without it would prove nothing.
 */
final class Python3 {

    private Python3() {
    }

    /** Runs {@code python3 -c script} with {@code input} on stdin and returns stdout, failing on a non-zero exit. */
    static String run(String script, String input) {
        return run(List.of("python3", "-c", script), Map.of(), input);
    }

    /**
     * Runs a command with {@code environment} in place of any inherited {@code AWS_*} variables,
     * returning stdout and failing on a non-zero exit.
     */
    static String run(List<String> command, Map<String, String> environment, String input) {
        ProcessBuilder builder = new ProcessBuilder(command);
        // The caller's AWS settings (a profile, a real endpoint) must not leak into a test's boto3.
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return fail("python3 is required for the legacy-format tests and could not be started: " + e.getMessage());
        }
        try {
            CompletableFuture<String> stdout = readAsync(process.getInputStream());
            CompletableFuture<String> stderr = readAsync(process.getErrorStream());
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("python3 did not finish within 120 s: " + command.get(command.size() - 1));
            }
            if (process.exitValue() != 0) {
                return fail("python3 exited with " + process.exitValue() + ":\n" + stderr.join());
            }
            return stdout.join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** stdout split into lines (without terminators). */
    static List<String> lines(String stdout) {
        List<String> lines = new ArrayList<>(List.of(stdout.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static CompletableFuture<String> readAsync(InputStream in) {
        // A thread of its own per stream: the common pool may have a single thread, and stdout
        // must drain while stdin is still being written, or both sides block on full pipes.
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            Thread thread = new Thread(task, "python3-output");
            thread.setDaemon(true);
            thread.start();
        });
    }
}
