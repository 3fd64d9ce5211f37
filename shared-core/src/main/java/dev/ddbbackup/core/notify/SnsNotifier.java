package dev.ddbbackup.core.notify;

import java.util.Optional;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes notifications to SNS topics; a topic left unset means that kind is not sent. */
public final class SnsNotifier implements Notifier {

    private final SnsClient sns;
    private final Optional<String> successTopicArn;
    private final Optional<String> failureTopicArn;

    public SnsNotifier(SnsClient sns, Optional<String> successTopicArn, Optional<String> failureTopicArn) {
        this.sns = sns;
        this.successTopicArn = successTopicArn;
        this.failureTopicArn = failureTopicArn;
    }

    @Override
    public void success(Notification n) {
        successTopicArn.ifPresent(arn -> publish(arn, n));
    }

    @Override
    public void failure(Notification n) {
        failureTopicArn.ifPresent(arn -> publish(arn, n));
    }

    private void publish(String topicArn, Notification n) {
        sns.publish(b -> b.topicArn(topicArn).subject(n.subject()).message(n.message()));
    }
}
