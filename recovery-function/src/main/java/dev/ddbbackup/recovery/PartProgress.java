package dev.ddbbackup.recovery;

import dev.ddbbackup.recovery.source.SourcePart;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Tracks one part through the lanes: it is finished once its reader has reached the end and every
 * operation it submitted has been acknowledged and, when the restore reads back, read back; then
 * {@code onFinished} runs, once. What the read-back found is kept per part, so that a resumed restore
 * counts each finished part once.
 */
final class PartProgress {

    private final SourcePart part;
    private final boolean readBack;
    private final Consumer<PartProgress> onFinished;
    private final ReadBackTally tally = new ReadBackTally(null);
    private long submitted;
    private long acknowledged;
    private long checked;
    private boolean readDone;
    private boolean finished;

    /** @param readBack whether each acknowledged operation is also read back before the part counts as finished */
    PartProgress(SourcePart part, boolean readBack, Consumer<PartProgress> onFinished) {
        this.part = part;
        this.readBack = readBack;
        this.onFinished = onFinished;
    }

    SourcePart part() {
        return part;
    }

    synchronized void added() {
        submitted++;
    }

    synchronized long submitted() {
        return submitted;
    }

    /** What reading this part's operations back found so far. */
    ReadBackReport readBackReport() {
        return tally.report();
    }

    void acknowledged() {
        boolean done;
        synchronized (this) {
            acknowledged++;
            done = finishIfDone();
        }
        if (done) {
            onFinished.accept(this);
        }
    }

    void checked(ReadBackChecker.Outcome outcome, Map<String, AttributeValue> key) {
        tally.add(outcome, key);
        boolean done;
        synchronized (this) {
            checked++;
            done = finishIfDone();
        }
        if (done) {
            onFinished.accept(this);
        }
    }

    /** The reader has submitted the part's last operation. */
    void readDone() {
        boolean done;
        synchronized (this) {
            readDone = true;
            done = finishIfDone();
        }
        if (done) {
            onFinished.accept(this);
        }
    }

    synchronized boolean finished() {
        return finished;
    }

    private boolean finishIfDone() {
        if (!finished && readDone && acknowledged == submitted && (!readBack || checked == submitted)) {
            finished = true;
            return true;
        }
        return false;
    }
}
