package dev.ddbbackup.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapSamplerTest {

    private static final int MB = 1024 * 1024;

    @Test
    void peaksFollowWhatCollectionsFind() throws InterruptedException {
        try (HeapSampler heap = new HeapSampler()) {
            long before = heap.peakLiveBytes();
            assertThat(heap.startLiveBytes()).isPositive().isEqualTo(before);
            byte[][] held = new byte[64][];
            for (int i = 0; i < held.length; i++) {
                held[i] = new byte[MB];
            }
            System.gc();
            // Notifications arrive on another thread, shortly after the collection.
            for (int i = 0; i < 100 && heap.peakLiveBytes() < before + 60L * MB; i++) {
                Thread.sleep(20);
            }
            assertThat(heap.peakLiveBytes()).isGreaterThanOrEqualTo(before + 60L * MB);
            assertThat(heap.peakBytes()).isGreaterThanOrEqualTo(heap.peakLiveBytes());
            assertThat(held[63]).hasSize(MB);
        }
    }
}
