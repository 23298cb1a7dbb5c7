package dev.glia.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.spi.BackendOptions;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.TrainingListener;
import dev.glia.core.TrainingOptions;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/** Native memory is given back: by tensors when closed, and not taken per step by training. */
class LeakTest {

    @Test
    void tenThousandTrainingStepsKeepLiveTensorsAndBytesFlat() {
        int samples = 64;
        int batch = 16; // 4 steps per epoch
        int epochs = 2_600; // 10,400 steps
        SplittableRandom random = new SplittableRandom(5);
        float[] x = new float[samples * 12];
        float[] y = new float[samples * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        for (int i = 0; i < samples; i++) {
            y[i * 3 + random.nextInt(3)] = 1;
        }
        Dataset data = Dataset.of(x, 12, y, 3);
        List<long[]> seen = new ArrayList<>(); // {steps, live tensors, live bytes}
        try (Backend backend = new Nd4jBackendProvider().create(BackendOptions.defaults())) {
            try (Network net = Network.builder(backend).seed(1).input(12).dense(32, "relu").dense(16, "tanh")
                    .dense(3, "softmax").build()) {
                int[] steps = {0};
                net.fit(data, TrainingOptions.builder().loss(Losses.softmaxCrossEntropy())
                        .optimizer(Optimizers.adam(1e-3)).epochs(epochs).batchSize(batch).shuffle(true).seed(2)
                        .listener(new TrainingListener() {
                            @Override
                            public void batchEnded(int epoch, int b, int batches, double loss) {
                                steps[0]++;
                                int s = steps[0];
                                if (s == 100 || s == 1_000 || s == 5_000 || s == 10_000) {
                                    seen.add(new long[] {s, backend.liveTensors(), backend.liveBytes()});
                                }
                            }
                        }).build());
                assertTrue(steps[0] >= 10_000, "ran " + steps[0] + " steps");
            }
            assertEquals(0, backend.liveTensors(), "closing the network closes all it allocated");
            assertEquals(0, backend.liveBytes());
        }
        assertEquals(4, seen.size());
        for (long[] s : seen) {
            assertEquals(seen.get(0)[1], s[1], "live tensors after " + s[0] + " steps vs after 100");
            assertEquals(seen.get(0)[2], s[2], "live bytes after " + s[0] + " steps vs after 100");
        }
    }

    /**
     * 4 GiB of 16 MiB tensors allocated and closed one after the other, with the JVM's collector never asked:
     * if closing did not free the native memory at once, the process would grow by gigabytes.
     */
    @Test
    void closingATensorFreesItsNativeMemoryAtOnce() {
        try (Backend backend = new Nd4jBackendProvider().create(BackendOptions.defaults())) {
            Shape shape = Shape.of(2048, 2048);
            float[] ones = new float[shape.size()];
            Arrays.fill(ones, 1f); // written into every tensor, so that every page is touched
            for (int i = 0; i < 8; i++) { // warm up the allocator
                backend.allocate(shape, DType.FLOAT32).close();
            }
            long before = Pointer.physicalBytes();
            for (int i = 0; i < 256; i++) {
                try (Tensor t = backend.allocate(shape, DType.FLOAT32)) {
                    backend.write(t, ones);
                }
            }
            long grown = Pointer.physicalBytes() - before;
            assertTrue(grown < 512L << 20, "the process grew by " + (grown >> 20) + " MiB over 4 GiB of tensors");
            assertEquals(0, backend.liveTensors());
        }
    }
}
