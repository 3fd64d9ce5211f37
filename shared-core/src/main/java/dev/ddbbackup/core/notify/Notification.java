package dev.ddbbackup.core.notify;

/**
 * A message for operators: a short subject and a plain-text summary. Never item data, credentials or
 * presigned URLs.
 */
public record Notification(String subject, String message) {

    /** SNS's subject limit. */
    public static final int MAX_SUBJECT = 100;

    public Notification {
        if (subject == null || subject.isBlank() || message == null) {
            throw new IllegalArgumentException("subject and message are required");
        }
        // SNS rejects subjects with line breaks or over 100 characters.
        subject = subject.replaceAll("[\\r\\n]+", " ");
        if (subject.length() > MAX_SUBJECT) {
            subject = subject.substring(0, MAX_SUBJECT - 1) + "…";
        }
    }
}
