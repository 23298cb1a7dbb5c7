package dev.glia.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glia.backend.opencl.internal.OpenClBackend;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.TrainingHistory;
import dev.glia.core.TrainingOptions;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import org.junit.jupiter.api.Test;

/** A long training loop keeps live tensors, bytes and OpenCL objects flat: nothing leaks per step. */
@RequiresOpenCl
class TrainingLeakTest {
    @Test
    void tenThousandStepsLeaveMemoryFlat() {
        float[][] x = new float[10][3];
        float[][] y = new float[10][2];
        for (int i = 0; i < 10; i++) {
            x[i] = new float[] {i / 10f, i % 3, 1 - i / 5f};
            y[i][i % 2] = 1;
        }
        Dataset data = Dataset.of(x, y); // batch 4: batches of 4, 4 and 2 each epoch
        try (OpenClBackend backend = OpenClTestSupport.newBackend();
                Network net = Network.builder(backend).seed(3).input(3).dense(8, "tanh").dense(2, "softmax").build()) {
            TrainingOptions warmUp = TrainingOptions.builder().loss(Losses.softmaxCrossEntropy())
                    .optimizer(Optimizers.adam(0.01)).batchSize(4).epochs(4).build(); // 12 steps
            net.fit(data, warmUp);
            long tensors = backend.liveTensors();
            long bytes = backend.liveBytes();
            long objects = backend.openClObjects();
            int kernels = backend.cachedElementwiseKernels();
            TrainingHistory h = net.fit(data, TrainingOptions.builder().loss(Losses.softmaxCrossEntropy())
                    .optimizer(warmUp.optimizer()).batchSize(4).epochs(3334).build());
            assertEquals(10_002, h.steps());
            assertEquals(tensors, backend.liveTensors(), "live tensors after 10,000 more steps");
            assertEquals(bytes, backend.liveBytes(), "live bytes after 10,000 more steps");
            assertEquals(objects, backend.openClObjects(), "OpenCL buffers, programs and kernels");
            assertEquals(kernels, backend.cachedElementwiseKernels(), "no new element-wise kernels");
        }
    }
}
