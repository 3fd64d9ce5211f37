package dev.ddbbackup.emulators.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IamActionMapTest {

    @Test
    void actionsFor_s3ReadsAndHeads_needGetObjectAndListBucket() {
        assertThat(IamActionMap.actionsFor("S3:GetObject")).containsExactly("s3:GetObject");
        assertThat(IamActionMap.actionsFor("S3:HeadObject")).containsExactly("s3:GetObject");
        assertThat(IamActionMap.actionsFor("S3:HeadBucket")).containsExactly("s3:ListBucket");
        assertThat(IamActionMap.actionsFor("S3:ListObjectsV2")).containsExactly("s3:ListBucket");
    }

    @Test
    void actionsFor_multipartUploadParts_needPutObject_butAbortHasItsOwnAction() {
        assertThat(IamActionMap.actionsFor("S3:CreateMultipartUpload")).containsExactly("s3:PutObject");
        assertThat(IamActionMap.actionsFor("S3:UploadPart")).containsExactly("s3:PutObject");
        assertThat(IamActionMap.actionsFor("S3:CompleteMultipartUpload")).containsExactly("s3:PutObject");
        assertThat(IamActionMap.actionsFor("S3:AbortMultipartUpload")).containsExactly("s3:AbortMultipartUpload");
        assertThat(IamActionMap.actionsFor("S3:CopyObject")).containsExactlyInAnyOrder("s3:GetObject", "s3:PutObject");
    }

    @Test
    void actionsFor_otherServices_useTheOperationNameUnderTheIamPrefix() {
        assertThat(IamActionMap.actionsFor("DynamoDb:Scan")).containsExactly("dynamodb:Scan");
        assertThat(IamActionMap.actionsFor("CloudWatch:PutMetricData")).containsExactly("cloudwatch:PutMetricData");
        assertThat(IamActionMap.actionsFor("Backup:StartRestoreJob")).containsExactly("backup:StartRestoreJob");
        assertThat(IamActionMap.actionsFor("Sns:Publish")).containsExactly("sns:Publish");
    }

    @Test
    void actionsFor_unknownServiceOrMalformedOperation_isRefusedNotGuessed() {
        assertThatThrownBy(() -> IamActionMap.actionsFor("Glacier:UploadArchive"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no IAM prefix known for SDK service 'Glacier'");
        assertThatThrownBy(() -> IamActionMap.actionsFor("PutItem")).hasMessageStartingWith("operation: expected Service:Operation");
    }
}
