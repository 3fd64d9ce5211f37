package dev.ddbbackup.core.codec;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The line shape of a data file, which a backup's {@code manifest.json} names in its
 * {@code outputFormat} field: what {@link ItemLineWriter} writes and {@link ItemLineReader} expects.
 * Both shapes hold one item per line, typed the same way and equally lossless; they differ only in
 * the wrapper and the spelling of the type keys.
 */
public enum ItemLineFormat {

    /**
     * {@code {"Item":{"pk":{"S":"a"},"n":{"N":"1"}}}}: DynamoDB's native S3 export line, which
     * {@code ImportTable} reads. The default.
     */
    DYNAMODB_JSON("dynamodb-json"),

    /**
     * {@code {"pk":{"s":"a"},"n":{"n":"1"}}}: the line of an AWS Data Pipeline DynamoDB export, for
     * Data Pipeline's import job. Type keys are written as that export writes them (the AWS SDK for
     * Java 1.x field names {@code s n b sS nS bS m l nULL bOOL}) and read in any ASCII case.
     */
    DATA_PIPELINE("datapipeline");

    private final String settingName;

    ItemLineFormat(String settingName) {
        this.settingName = settingName;
    }

    /**
     * How users name the format in settings and options ({@code OUTPUT_FORMAT},
     * {@code --format}): {@code dynamodb-json} or {@code datapipeline}.
     */
    public String settingName() {
        return settingName;
    }

    /** The value of a manifest's {@code outputFormat} field for this format: the constant's name. */
    public String manifestName() {
        return name();
    }

    /** The format a setting names, matched without regard to case; empty when it names none. */
    public static Optional<ItemLineFormat> fromSettingName(String value) {
        return Arrays.stream(values()).filter(f -> f.settingName.equalsIgnoreCase(value)).findFirst();
    }

    /** The format a manifest's {@code outputFormat} names, matched exactly; empty when it names none. */
    public static Optional<ItemLineFormat> fromManifestName(String value) {
        return Arrays.stream(values()).filter(f -> f.name().equals(value)).findFirst();
    }

    /** Every setting name, for messages: {@code dynamodb-json, datapipeline}. */
    public static String settingNames() {
        return Arrays.stream(values()).map(ItemLineFormat::settingName).collect(Collectors.joining(", "));
    }

    /** Every manifest name, for messages: {@code DYNAMODB_JSON, DATA_PIPELINE}. */
    public static String manifestNames() {
        return Arrays.stream(values()).map(ItemLineFormat::manifestName).collect(Collectors.joining(", "));
    }
}
