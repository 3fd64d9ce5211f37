package dev.ddbbackup.emulators;

/**
 * JUnit 5 extension that gives tests one {@link S3Emulator} (S3Mock, in a child JVM),
 * shared by every test in the JVM and stopped when the test run ends.
 *
 * <p>Declare a parameter of type {@link S3Emulator} in a test constructor, {@code @BeforeAll},
 * {@code @BeforeEach} or test method to receive it.
 */
public final class S3EmulatorExtension extends SharedEmulatorExtension<S3Emulator> {

    /** Creates the extension; JUnit calls this for {@code @ExtendWith}. */
    public S3EmulatorExtension() {
        super(S3Emulator.class, S3Emulator::start);
    }
}
