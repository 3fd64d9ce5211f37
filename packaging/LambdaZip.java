import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Writes one function's Lambda deployment package: the module's classes at the root and each runtime
 * dependency as a jar under lib/ (the layout Lambda's Java runtime puts on the class path), minus the
 * dependencies the function does not need.
 *
 * <p>Each jar under lib/ is rewritten with STORED (uncompressed) entries, and the zip deflates it as one
 * stream. A jar compresses each class on its own; compressed as one stream the classes of a jar share
 * their dictionary, so the package is about 40% smaller than a zip of the original jars, and the JVM
 * reads classes without inflating them. Entry times are fixed, so an unchanged build writes an identical
 * file (sam deploy then skips the upload).
 *
 * <p>Run by the parent POM's lambda-zip execution (maven-antrun-plugin) as a single-file program:
 * {@code java LambdaZip.java OUT.zip CLASSES_DIR RUNTIME_CLASSPATH EXCLUDES MAX_MB}, where EXCLUDES is a
 * comma-separated list of groupId:artifactId (each must match a dependency) and MAX_MB the size above
 * which the build fails.
 */
public final class LambdaZip {

    private static final FileTime FIXED_TIME = FileTime.from(Instant.parse("2000-01-01T00:00:00Z"));

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: java LambdaZip.java OUT.zip CLASSES_DIR RUNTIME_CLASSPATH EXCLUDES MAX_MB");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Path classes = Path.of(args[1]);
        List<Path> classpath = new ArrayList<>();
        for (String element : args[2].split(java.io.File.pathSeparator)) {
            if (!element.isBlank() && !Path.of(element).toAbsolutePath().normalize().equals(classes.toAbsolutePath().normalize())) {
                classpath.add(Path.of(element));
            }
        }
        Set<String> excludes = new LinkedHashSet<>();
        for (String e : args[3].split(",")) {
            if (!e.isBlank()) {
                excludes.add(e.strip());
            }
        }
        double maxMegabytes = Double.parseDouble(args[4]);

        List<Path> kept = new ArrayList<>();
        Set<String> unmatched = new LinkedHashSet<>(excludes);
        List<String> dropped = new ArrayList<>();
        for (Path element : classpath) {
            String exclusion = matchingExclusion(element, excludes);
            if (exclusion == null) {
                kept.add(element);
            } else {
                unmatched.remove(exclusion);
                dropped.add(element.getFileName().toString());
            }
        }
        if (!unmatched.isEmpty()) {
            fail("lambda.exclude names " + unmatched + ", which is not a runtime dependency of this module; fix the property");
        }

        TreeMap<String, byte[]> root = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                root.put(classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        TreeMap<String, byte[]> lib = new TreeMap<>();
        long unpacked = root.values().stream().mapToLong(b -> b.length).sum();
        for (Path element : kept) {
            String name = "lib/" + jarName(element);
            if (lib.containsKey(name)) {
                fail("two dependencies would both be " + name);
            }
            byte[] stored = storedJar(element);
            lib.put(name, stored);
            unpacked += stored.length;
        }

        Files.createDirectories(out.toAbsolutePath().getParent());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (var e : root.entrySet()) {
                put(zip, e.getKey(), e.getValue(), true);
            }
            for (var e : lib.entrySet()) {
                put(zip, e.getKey(), e.getValue(), true);
            }
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        long size = Files.size(out);
        System.out.printf(Locale.ROOT, "Lambda package %s: %.1f MB (limit %.1f MB); %d classes and resources, %d jars in lib/, %.1f MB unpacked%s%n",
                out.getFileName(), size / 1048576.0, maxMegabytes, root.size(), lib.size(), unpacked / 1048576.0,
                dropped.isEmpty() ? "" : "; left out: " + String.join(", ", dropped));
        if (size > maxMegabytes * 1048576) {
            fail(out.getFileName() + " is " + String.format(Locale.ROOT, "%.1f", size / 1048576.0) + " MB, above the "
                    + maxMegabytes + " MB limit (lambda.maxMegabytes): leave out what the function does not use");
        }
    }

    /** The exclusion (groupId:artifactId) that names this class-path element, or null. */
    private static String matchingExclusion(Path element, Set<String> excludes) {
        String path = element.toAbsolutePath().normalize().toString().replace('\\', '/');
        for (String exclusion : excludes) {
            String[] ga = exclusion.split(":");
            if (ga.length != 2) {
                fail("lambda.exclude entry '" + exclusion + "' must be groupId:artifactId");
            }
            if (path.contains("/" + ga[0].replace('.', '/') + "/" + ga[1] + "/")) {
                return exclusion;
            }
        }
        return null;
    }

    /** A jar's file name, or for a reactor module's classes folder (module/target/classes) the module's name. */
    private static String jarName(Path element) {
        if (Files.isDirectory(element)) {
            return element.toAbsolutePath().normalize().getParent().getParent().getFileName() + ".jar";
        }
        return element.getFileName().toString();
    }

    /** The element's entries as a jar whose entries are STORED, in their original order. */
    private static byte[] storedJar(Path element) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipOutputStream jar = new ZipOutputStream(buffer)) {
            if (Files.isDirectory(element)) {
                try (Stream<Path> files = Files.walk(element)) {
                    for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                        put(jar, element.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f), false);
                    }
                }
            } else {
                try (ZipFile source = new ZipFile(element.toFile())) {
                    Enumeration<? extends ZipEntry> entries = source.entries();
                    while (entries.hasMoreElements()) {
                        ZipEntry entry = entries.nextElement();
                        if (entry.isDirectory()) {
                            continue;
                        }
                        try (InputStream in = source.getInputStream(entry)) {
                            put(jar, entry.getName(), in.readAllBytes(), false);
                        }
                    }
                }
            }
        }
        return buffer.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] data, boolean deflate) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(FIXED_TIME);
        if (deflate) {
            entry.setMethod(ZipEntry.DEFLATED);
        } else {
            CRC32 crc = new CRC32();
            crc.update(data);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(data.length);
            entry.setCompressedSize(data.length);
            entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    private static void fail(String message) {
        System.err.println("LambdaZip: " + message);
        System.exit(1);
    }
}
