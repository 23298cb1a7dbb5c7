package dev.glia.spark;

import java.io.Serializable;
import org.apache.spark.TaskContext;

/**
 * A test hook: the first attempt of partition {@code partition}'s task at global step {@code step} (0-based,
 * counted over the whole run) fails, as a lost executor or a flaky node would, and Spark retries it.
 *
 * @param partition the partition whose task fails
 * @param step      the global step at which it fails
 */
record FailOnce(int partition, long step) implements Serializable {
    private static final long serialVersionUID = 1L;

    void maybeFail(int p, long globalStep) {
        TaskContext task = TaskContext.get();
        if (p == partition && globalStep == step && task != null && task.attemptNumber() == 0) {
            throw new IllegalStateException(
                    "Injected failure of partition " + p + " at step " + globalStep + " (attempt 0)");
        }
    }
}
