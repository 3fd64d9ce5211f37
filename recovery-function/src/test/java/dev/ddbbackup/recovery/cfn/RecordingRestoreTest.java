package dev.ddbbackup.recovery.cfn;

import dev.ddbbackup.core.time.Deadline;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A hand-written restore test: records what it was asked and behaves as the test chooses. */
final class RecordingRestoreTest implements RestoreTest {

    /** What the fake does with a request. */
    @FunctionalInterface
    interface Behaviour {
        RestoreTestOutcome run(RestoreTestRequest request, Deadline deadline) throws Exception;
    }

    private final Behaviour behaviour;
    private final List<RestoreTestRequest> requests = new CopyOnWriteArrayList<>();

    RecordingRestoreTest(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** Passes with {@code items} items restored and equal. */
    static RecordingRestoreTest passing(long items) {
        return new RecordingRestoreTest((request, deadline) ->
                new RestoreTestOutcome(true, request.scratchTable(), items, items, 0, 0, 12.34, "all items equal"));
    }

    /** Throws the exception it is given. */
    static RecordingRestoreTest throwing(RuntimeException e) {
        return new RecordingRestoreTest((request, deadline) -> {
            throw e;
        });
    }

    /**
     * Ignores its deadline and interrupts and blocks until {@code release} is counted down, recording in
     * {@code nearAt} the {@link System#nanoTime()} at which it first saw the deadline near.
     */
    static RecordingRestoreTest blockingUntil(CountDownLatch release, long[] nearAt) {
        return new RecordingRestoreTest((request, deadline) -> {
            while (release.getCount() > 0) {
                if (nearAt[0] == 0 && deadline.isNear()) {
                    nearAt[0] = System.nanoTime();
                }
                try {
                    release.await(5, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    // A test stuck in a call that ignores interrupts: the handler must not wait for it.
                }
            }
            throw new IllegalStateException("released by the test");
        });
    }

    @Override
    public RestoreTestOutcome run(RestoreTestRequest request, Deadline deadline) {
        requests.add(request);
        try {
            return behaviour.run(request, deadline);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<RestoreTestRequest> requests() {
        return List.copyOf(requests);
    }
}
