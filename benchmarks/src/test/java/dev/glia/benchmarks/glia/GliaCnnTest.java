package dev.glia.benchmarks.glia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.benchmarks.spi.CnnContender;
import dev.glia.benchmarks.spi.CnnSpec;
import dev.glia.benchmarks.spi.ImageData;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Glia's contender in the cnn benchmark, on EJML with a narrow version of the network and synthetic images. */
class GliaCnnTest {
    /** Class c: a bright 4×4 square at one of ten places, over faint noise. */
    private static ImageData squares(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] pixels = new float[count * 784];
        int[] labels = new int[count];
        float[] oneHot = new float[count * 10];
        for (int i = 0; i < count; i++) {
            int c = i % 10;
            labels[i] = c;
            oneHot[i * 10 + c] = 1;
            for (int p = 0; p < 784; p++) {
                pixels[i * 784 + p] = (float) (0.1 * r.nextDouble());
            }
            int top = 4 + (c / 5) * 12;
            int left = 2 + (c % 5) * 5;
            for (int y = top; y < top + 4; y++) {
                for (int x = left; x < left + 4; x++) {
                    pixels[i * 784 + y * 28 + x] = 1;
                }
            }
        }
        return new ImageData(pixels, labels, oneHot, 784, 10);
    }

    @Test
    void trainsReportsEachEpochAndPredictsAsItInfers() {
        // the layout with fewer filters and units, so that the host-default convolution stays quick
        CnnSpec spec = new CnnSpec(1, 28, 4, 8, 5, 2, 16, 10, 32, 1e-2, 42, 3);
        ImageData train = squares(320, 1);
        List<Double> losses = new ArrayList<>();
        try (CnnContender cnn = new GliaSystem("ejml", null).cnn(spec)) {
            cnn.train(train, (epoch, loss) -> {
                assertEquals(losses.size() + 1, epoch);
                losses.add(loss);
            });
            assertEquals(3, losses.size());
            assertTrue(losses.get(2) < 0.5 * losses.get(0), "the loss falls: " + losses);
            int[] predicted = cnn.predict(train);
            int correct = 0;
            float[] out = new float[10];
            for (int i = 0; i < 20; i++) {
                float[] sample = new float[784];
                System.arraycopy(train.pixels(), i * 784, sample, 0, 784);
                cnn.infer(sample, out);
                int best = 0;
                float sum = 0;
                for (int c = 0; c < 10; c++) {
                    sum += out[c];
                    best = out[c] > out[best] ? c : best;
                }
                assertEquals(1, sum, 1e-4, "softmax outputs of sample " + i);
                assertEquals(predicted[i], best, "predict and infer agree on sample " + i);
            }
            for (int i = 0; i < predicted.length; i++) {
                correct += predicted[i] == train.labels()[i] ? 1 : 0;
            }
            assertTrue(correct > 0.8 * predicted.length, correct + " of " + predicted.length + " right");
        }
    }
}
