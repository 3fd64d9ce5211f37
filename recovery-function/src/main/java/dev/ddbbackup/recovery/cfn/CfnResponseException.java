package dev.ddbbackup.recovery.cfn;

/**
 * The answer could not be delivered to CloudFormation's response URL; names the URL's host only, since
 * the full presigned URL lets anyone answer for the resource.
 */
public class CfnResponseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String host;

    public CfnResponseException(String host, String message) {
        super("answer to CloudFormation (" + host + ") not delivered: " + message);
        this.host = host;
    }

    /** The response URL's host. */
    public String host() {
        return host;
    }
}
