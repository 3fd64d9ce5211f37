package dev.ddbbackup.recovery;

import dev.ddbbackup.recovery.source.SourcePart;
import java.util.function.Consumer;

/**
 * Tracks one part through the lanes: it is finished once its reader has reached the end and every
 * operation it submitted has been acknowledged; then {@code onFinished} runs, once.
 */
final class PartProgress {

    private final SourcePart part;
    private final Consumer<PartProgress> onFinished;
    private long submitted;
    private long acknowledged;
    private boolean readDone;
    private boolean finished;

    PartProgress(SourcePart part, Consumer<PartProgress> onFinished) {
        this.part = part;
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
        if (!finished && readDone && acknowledged == submitted) {
            finished = true;
            return true;
        }
        return false;
    }
}
