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
    void everyPartRunsOnceOnItsOwnWorker() {
        try (Workers w = new Workers(3, "test")) {
            assertEquals(3, w.threads());
            for (int round = 0; round < 2_000; round++) {
                AtomicIntegerArray ran = new AtomicIntegerArray(3);
                int[] workerOf = new int[3];
                String[] thread = new String[3];
                w.run((part, worker) -> {
                    ran.incrementAndGet(part);
                    workerOf[part] = worker;
                    thread[part] = Thread.currentThread().getName();
                }, 3);
                for (int p = 0; p < 3; p++) {
                    assertEquals(1, ran.get(p), "part " + p + " in round " + round);
                }
                assertArrayEquals(new int[] {0, 1, 2}, workerOf);
                assertEquals(Thread.currentThread().getName(), thread[0]);
                assertEquals("test-1", thread[1]);
                assertEquals("test-2", thread[2]);
            }
        }
    }

    @Test
    void aFailingPartIsRethrownAfterAllParts() {
        try (Workers w = new Workers(2, "test")) {
            IllegalStateException boom = new IllegalStateException("boom");
            boolean[] otherRan = new boolean[1];
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.run((part, worker) -> {
                if (part == 1) {
                    throw boom;
                }
                otherRan[0] = true;
            }, 2));
            assertSame(boom, e);
            assertTrue(otherRan[0]);
            w.run((part, worker) -> { }, 2); // still usable
        }
    }

    @Test
    void closingStopsTheHelpers() throws Exception {
        Workers w = new Workers(2, "glia-test-stop");
        w.run((part, worker) -> { }, 2);
        w.close();
        Thread.sleep(50);
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("glia-test-stop-1") && t.isAlive()));
        w.close(); // idempotent
    }

    @Test
    void moreThanThreadsPartsIsRejected() {
        try (Workers w = new Workers(1, "test")) {
            assertThrows(IllegalArgumentException.class, () -> w.run((part, worker) -> { }, 2));
        }
    }
}
