package dev.ddbbackup.emulators;

/**
 * JUnit 5 extension that gives tests one {@link MotoServer} (moto_server, in a child process),
 * shared by every test in the JVM and stopped when the test run ends.
 *
 * <p>Declare a parameter of type {@link MotoServer} in a test constructor, {@code @BeforeAll},
 * {@code @BeforeEach} or test method to receive it.
 */
public final class MotoExtension extends SharedEmulatorExtension<MotoServer> {

    /** Creates the extension; JUnit calls this for {@code @ExtendWith}. */
    public MotoExtension() {
        super(MotoServer.class, MotoServer::start);
    }
}
