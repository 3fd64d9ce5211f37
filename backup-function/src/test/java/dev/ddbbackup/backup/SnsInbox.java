package dev.ddbbackup.backup;

import dev.ddbbackup.emulators.UniqueName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Reads what an SNS topic published, through an SQS queue subscribed to it with raw delivery. */
public final class SnsInbox {

    private final SqsClient sqs;
    private final String queueUrl;

    private SnsInbox(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Subscribes a new queue to the topic. */
    public static SnsInbox subscribe(SnsClient sns, SqsClient sqs, String topicArn) {
        String url = sqs.createQueue(b -> b.queueName(UniqueName.next("q"))).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(arn).attributes(Map.of("RawMessageDelivery", "true")));
        return new SnsInbox(sqs, url);
    }

    /** Every message published since the last drain, removed from the queue. */
    public List<String> drain() {
        List<String> out = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            for (Message m : batch) {
                out.add(m.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        } while (!batch.isEmpty());
        return out;
    }
}
