package dev.ddbbackup.recovery.source;

import dev.ddbbackup.core.format.TableDescriptor;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a restore's items come from: an ordered list of parts (data files), each of which can be
 * verified on its own before any of its items are written, then streamed as put and delete operations.
 *
 * <p>Implementations never hold a whole part in memory. {@link #verify} reads a part completely and
 * checks everything the source format lets it check (digests, item counts, parse of every line, key
 * attributes); {@link #open} streams it again for writing.
 *
 * <p>Parts carry a {@link SourcePart#group() group}: parts of one group may be written in parallel,
 * groups are applied strictly in ascending order (a full export, then each incremental export).
 */
public interface RestoreSource {

    /** Where the data is, for results and notifications (for example {@code s3://bucket/key}); never item data. */
    String description();

    /** The source format, for results: {@code backup}, {@code legacy-json}, {@code datapipeline}, {@code native-export}. */
    String format();

    /** The schema to create a missing target table from, when the source records one. */
    Optional<TableDescriptor> table();

    /** The parts in the order they must be applied; fails with a CorruptBackupException when the listing itself is damaged. */
    List<SourcePart> parts();

    /**
     * Reads a part completely and checks it; throws {@link dev.ddbbackup.core.format.CorruptBackupException}
     * naming the file (and line, when one is at fault) when anything does not match. Every operation
     * parsed is passed to {@code inspector} (the restore checks key attributes against the target
     * there); an exception it throws propagates unchanged.
     */
    void verify(SourcePart part, Consumer<ItemOperation> inspector);

    /** Streams a part's operations. A damaged line throws CorruptBackupException naming the file and line. */
    OperationReader open(SourcePart part);

    /** What the result must tell the user about the source, for example that numbers passed through float. */
    List<String> warnings();
}
