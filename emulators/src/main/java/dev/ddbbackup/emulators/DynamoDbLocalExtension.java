package dev.ddbbackup.emulators;

/**
 * JUnit 5 extension that gives tests one {@link DynamoDbLocal} (DynamoDB Local, in-process),
 * shared by every test in the JVM and stopped when the test run ends.
 *
 * <p>Declare a parameter of type {@link DynamoDbLocal} in a test constructor, {@code @BeforeAll},
 * {@code @BeforeEach} or test method to receive it.
 */
public final class DynamoDbLocalExtension extends SharedEmulatorExtension<DynamoDbLocal> {

    /** Creates the extension; JUnit calls this for {@code @ExtendWith}. */
    public DynamoDbLocalExtension() {
        super(DynamoDbLocal.class, DynamoDbLocal::startInProcess);
    }
}
