package dev.glia.spark;

import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts what Spark's own task metrics say the training moved: bytes written to the shuffle, and bytes of task
 * results sent to the driver. (Listener events arrive asynchronously; read after the bus is drained.)
 */
final class TrafficMeter extends SparkListener {
    private final LongAdder shuffleBytes = new LongAdder();
    private final LongAdder resultBytes = new LongAdder();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        TaskMetrics m = end.taskMetrics();
        if (m != null) {
            shuffleBytes.add(m.shuffleWriteMetrics().bytesWritten());
            resultBytes.add(m.resultSize());
        }
    }

    long shuffleBytes() {
        return shuffleBytes.sum();
    }

    long resultBytes() {
        return resultBytes.sum();
    }
}
