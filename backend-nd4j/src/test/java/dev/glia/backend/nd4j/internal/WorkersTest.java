package dev.glia.backend.nd4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkersTest {

    @Test
    void everyPartRunsOnceAndEachWorkerIsOneThread() {
        try (Workers w = new Workers(3, "test")) {
            assertEquals(3, w.threads());
            String caller = Thread.currentThread().getName();
            for (int round = 0; round < 2_000; round++) {
                int parts = 1 + round % 3;
                AtomicIntegerArray ran = new AtomicIntegerArray(parts);
                String[] threadOfWorker = new String[3];
                int[] workerOf = new int[parts];
                w.run(
                        (part, worker) -> {
                            ran.incrementAndGet(part);
                            workerOf[part] = worker;
                            synchronized (threadOfWorker) {
                                threadOfWorker[worker] = Thread.currentThread().getName();
                            }
                        },
                        parts);
                for (int p = 0; p < parts; p++) {
                    assertEquals(1, ran.get(p), "part " + p + " in round " + round);
                    String expected = workerOf[p] == 0 ? caller : "test-" + workerOf[p];
                    assertEquals(expected, threadOfWorker[workerOf[p]], "worker " + workerOf[p]);
                }
            }
        }
    }

    @Test
    void theCallerRunsThePartsNoHelperTakes() {
        // Helpers that never run stand for helpers the operating system does not schedule in time.
        try (Workers w = new Workers(3, "test", false)) {
            int[] ranOn = {-1, -1, -1};
            w.run((part, worker) -> ranOn[part] = worker, 3);
            assertArrayEquals(new int[] {0, 0, 0}, ranOn);
        }
    }

    @Test
    void aFailingPartIsRethrownAfterAllParts() {
        try (Workers w = new Workers(2, "test")) {
            IllegalStateException boom = new IllegalStateException("boom");
            boolean[] otherRan = new boolean[1];
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> w.run(
                            (part, worker) -> {
                                if (part == 1) {
                                    throw boom;
                                }
                                otherRan[0] = true;
                            },
                            2));
            assertSame(boom, e);
            assertTrue(otherRan[0]);
            w.run((part, worker) -> {}, 2); // still usable
        }
    }

    @Test
    void closingStopsTheHelpers() throws Exception {
        Workers w = new Workers(2, "glia-test-stop");
        w.run((part, worker) -> {}, 2);
        w.close();
        Thread.sleep(50);
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("glia-test-stop-1") && t.isAlive()));
        w.close(); // idempotent
    }

    @Test
    void moreThanThreadsPartsIsRejected() {
        try (Workers w = new Workers(1, "test")) {
            assertThrows(IllegalArgumentException.class, () -> w.run((part, worker) -> {}, 2));
        }
    }
}
