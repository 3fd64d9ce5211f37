package dev.ddbbackup.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An emulator running as a separate process, with its own working directory and a log file there,
 * stopped on {@link #close()} or, failing that, when this JVM exits.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Path workDir;
    private final Path logFile;
    private final Thread shutdownHook;

    private ChildProcess(String name, Process process, Path workDir, Path logFile) {
        this.name = name;
        this.process = process;
        this.workDir = workDir;
        this.logFile = logFile;
        // A test JVM that ends without closing its emulators must not leave servers behind.
        this.shutdownHook = new Thread(this::stopProcess, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code command} in {@code workDir}, stdout and stderr going to {@code process.log}
     * there.
     */
    public static ChildProcess start(String name, List<String> command, Path workDir) {
        Path logFile = workDir.resolve("process.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        try {
            Process process = builder.start();
            LOG.debug("Started {} as pid {}: {}", name, process.pid(), command);
            return new ChildProcess(name, process, workDir, logFile);
        } catch (IOException e) {
            throw new EmulatorStartException(
                    "Could not start " + name + " with " + command + ": " + e.getMessage(), e);
        }
    }

    /**
     * The command that runs {@code mainClass} in a new JVM of this JVM's Java, with this JVM's class
     * path, the given JVM options and program arguments.
     */
    public static List<String> javaCommand(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** The running process, for figures such as its CPU time. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Creates a fresh temporary working directory for a child process called {@code name}. */
    public static Path createWorkDir(String name) {
        try {
            return Files.createTempDirectory(name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for " + name, e);
        }
    }

    /**
     * Polls {@code ready} until it returns true; if the process dies or {@code timeout} passes
     * first, stops the process, keeps its log and throws with the end of the log.
     */
    public void awaitReady(BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw abandon(name + " exited with code " + process.exitValue()
                        + " before it was ready");
            }
            if (ready.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw abandon(name + " was not ready within " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                EmulatorStartException failure = abandon("Interrupted while waiting for " + name);
                failure.initCause(e);
                throw failure;
            }
        }
    }

    /** The process's working directory, deleted on {@link #close()}. */
    public Path workDir() {
        return workDir;
    }

    /** The process's combined stdout and stderr so far, or "" when it cannot be read. */
    public String output() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /** Stops the process and deletes its working directory, log included. */
    @Override
    public void close() {
        stopAndForget();
        deleteRecursively(workDir);
    }

    /** Stops a process that failed to start, keeping its log for the developer to read. */
    private EmulatorStartException abandon(String reason) {
        stopAndForget();
        return new EmulatorStartException(
                reason + "; log " + logFile + " ends with:\n" + logTail());
    }

    private void stopAndForget() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to; it only stops a process that is already gone.
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES),
                    lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        // Launchers such as pyenv shims may have forked the real server; stop those as well.
        List<ProcessHandle> descendants = new ArrayList<>(process.descendants().toList());
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} (pid {}) ignored SIGTERM for {} s; killing it",
                        name, process.pid(), STOP_GRACE.toSeconds());
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.debug("Could not delete {}: {}", path, e.getMessage());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Could not delete {}: {}", root, e.getMessage());
        }
    }
}
