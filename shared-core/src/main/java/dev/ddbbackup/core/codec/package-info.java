/**
 * Lossless, streaming conversion between DynamoDB items and the lines of a backup's data files
 * ({@code {"Item":{...}}}, the line shape of DynamoDB's native S3 export, or AWS Data Pipeline's
 * export line; see {@link dev.ddbbackup.core.codec.ItemLineFormat}), plus the numeric-aware item
 * comparison used to verify restores.
 *
 * <p>Start with {@link dev.ddbbackup.core.codec.ItemLineWriter} and
 * {@link dev.ddbbackup.core.codec.ItemLineReader} for files,
 * {@link dev.ddbbackup.core.codec.ItemLines} for single lines, and
 * {@link dev.ddbbackup.core.codec.DynamoDbJsonCodec} to embed items in other JSON.
 */
package dev.ddbbackup.core.codec;
