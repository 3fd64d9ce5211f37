package dev.ddbbackup.core.notify;

import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes notifications to SNS topics; a topic left null means that kind is not sent. */
public final class SnsNotifier implements Notifier {

    private final SnsClient sns;
    private final String successTopicArn;
    private final String failureTopicArn;

    /** Topic ARNs may be null: that kind of notification is then not sent. */
    public SnsNotifier(SnsClient sns, String successTopicArn, String failureTopicArn) {
        this.sns = sns;
        this.successTopicArn = successTopicArn;
        this.failureTopicArn = failureTopicArn;
    }

    @Override
    public void success(Notification n) {
        publish(successTopicArn, n);
    }

    @Override
    public void failure(Notification n) {
        publish(failureTopicArn, n);
    }

    private void publish(String topicArn, Notification n) {
        if (topicArn == null) {
            return;
        }
        sns.publish(b -> b.topicArn(topicArn).subject(n.subject()).message(n.message()));
    }
}
