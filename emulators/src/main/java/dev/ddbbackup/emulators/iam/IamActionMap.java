package dev.ddbbackup.emulators.iam;

import java.util.Map;
import java.util.Set;

/**
 * Maps an SDK operation ({@code Service:Operation}, as {@link SdkCallRecorder} notes it) to the IAM
 * actions that authorize it, following the "API operations" tables of the AWS Service Authorization
 * Reference.
 *
 * <p>Most operations are authorized by the action of the same name under the service's IAM prefix.
 * The exceptions this suite meets are listed explicitly (S3's HEAD, listing and multipart operations).
 * An operation of a service without a known prefix is refused rather than guessed.
 */
public final class IamActionMap {

    private static final Map<String, String> PREFIXES = Map.of(
            "DynamoDb", "dynamodb",
            "S3", "s3",
            "Sns", "sns",
            "CloudWatch", "cloudwatch",
            "Backup", "backup",
            "Sqs", "sqs",
            "Kms", "kms",
            "Lambda", "lambda");

    private static final Map<String, Set<String>> EXCEPTIONS = Map.ofEntries(
            Map.entry("S3:HeadObject", Set.of("s3:GetObject")),
            Map.entry("S3:HeadBucket", Set.of("s3:ListBucket")),
            Map.entry("S3:ListObjects", Set.of("s3:ListBucket")),
            Map.entry("S3:ListObjectsV2", Set.of("s3:ListBucket")),
            Map.entry("S3:ListObjectVersions", Set.of("s3:ListBucketVersions")),
            Map.entry("S3:CreateMultipartUpload", Set.of("s3:PutObject")),
            Map.entry("S3:UploadPart", Set.of("s3:PutObject")),
            Map.entry("S3:CompleteMultipartUpload", Set.of("s3:PutObject")),
            Map.entry("S3:ListMultipartUploads", Set.of("s3:ListBucketMultipartUploads")),
            Map.entry("S3:ListParts", Set.of("s3:ListMultipartUploadParts")),
            Map.entry("S3:DeleteObjects", Set.of("s3:DeleteObject")),
            Map.entry("S3:CopyObject", Set.of("s3:GetObject", "s3:PutObject")),
            Map.entry("S3:GetObjectAttributes", Set.of("s3:GetObject", "s3:GetObjectAttributes")));

    private IamActionMap() {}

    /**
     * The IAM actions that authorize an operation.
     *
     * @param operation {@code Service:Operation} with the SDK's service name, for example {@code S3:HeadObject}
     * @throws IllegalArgumentException for a malformed operation or a service this map does not know
     */
    public static Set<String> actionsFor(String operation) {
        int colon = operation.indexOf(':');
        if (colon <= 0 || colon == operation.length() - 1) {
            throw new IllegalArgumentException("operation: expected Service:Operation, got '" + operation + "'");
        }
        Set<String> special = EXCEPTIONS.get(operation);
        if (special != null) {
            return special;
        }
        String prefix = PREFIXES.get(operation.substring(0, colon));
        if (prefix == null) {
            throw new IllegalArgumentException("operation " + operation + ": no IAM prefix known for SDK service '"
                    + operation.substring(0, colon) + "'; add it to IamActionMap");
        }
        return Set.of(prefix + ":" + operation.substring(colon + 1));
    }
}
