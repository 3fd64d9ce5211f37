package dev.ddbbackup.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A function's Lambda package (the zip a CodeUri names), unpacked under target/ the way Lambda unpacks
 * it, with a class loader over what Lambda's Java runtime puts on the class path: the root and every jar
 * in lib/. Its parent is the platform class loader, so nothing from the test class path leaks in.
 */
final class LambdaPackage {

    private static final Map<Path, LambdaPackage> OPENED = new HashMap<>();

    final Path zip;
    final Path root;
    final List<Path> jars;
    final URLClassLoader classLoader;

    private LambdaPackage(Path zip, Path root, List<Path> jars) {
        this.zip = zip;
        this.root = root;
        this.jars = List.copyOf(jars);
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(root.toUri().toURL());
            for (Path j : jars) {
                urls.add(j.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        this.classLoader = new URLClassLoader("lambda:" + zip.getFileName(), urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /** The package at {@code zip}, unpacked once per test JVM. */
    static synchronized LambdaPackage open(Path zip) {
        return OPENED.computeIfAbsent(zip, LambdaPackage::unpack);
    }

    private static LambdaPackage unpack(Path zip) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " does not exist: the function modules write it in ./mvnw package");
        }
        Path root = Path.of("target", "lambda-unpacked", zip.getFileName().toString()).toAbsolutePath();
        try {
            if (Files.exists(root)) {
                try (Stream<Path> old = Files.walk(root)) {
                    for (Path p : (Iterable<Path>) old.sorted(Comparator.reverseOrder())::iterator) {
                        Files.delete(p);
                    }
                }
            }
            List<Path> jars = new ArrayList<>();
            try (ZipFile z = new ZipFile(zip.toFile())) {
                for (ZipEntry e : z.stream().map(ZipEntry.class::cast).toList()) {
                    Path target = root.resolve(e.getName()).normalize();
                    if (!target.startsWith(root)) {
                        throw new IllegalStateException(zip + ": entry " + e.getName() + " points outside the package");
                    }
                    if (e.isDirectory()) {
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    try (InputStream in = z.getInputStream(e)) {
                        Files.copy(in, target);
                    }
                    if (e.getName().startsWith("lib/") && e.getName().endsWith(".jar")) {
                        jars.add(target);
                    }
                }
            }
            return new LambdaPackage(zip, root, jars);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip, e);
        }
    }

    long size() {
        try {
            return Files.size(zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** File names of the jars in lib/. */
    List<String> jarNames() {
        return jars.stream().map(p -> p.getFileName().toString()).sorted().toList();
    }

    /** A resource as Lambda's class path would find it. */
    Optional<byte[]> resource(String name) {
        try (InputStream in = classLoader.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Binary names of the suite's own classes (dev.ddbbackup.*) at the root and in lib/ jars. */
    List<String> suiteClasses() {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("dev"))) {
            files.filter(p -> p.toString().endsWith(".class"))
                    .forEach(p -> names.add(root.relativize(p).toString().replace('\\', '/')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path j : jars) {
            try (JarFile jar = new JarFile(j.toFile())) {
                jar.stream().map(ZipEntry::getName).filter(n -> n.startsWith("dev/ddbbackup/") && n.endsWith(".class")).forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names.stream().map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).sorted().toList();
    }
}
