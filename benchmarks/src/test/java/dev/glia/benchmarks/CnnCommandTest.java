package dev.glia.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.benchmarks.glia.GliaSystem;
import dev.glia.benchmarks.jmh.Conv2dLayerBench;
import dev.glia.benchmarks.spi.BenchSystem;
import dev.glia.benchmarks.spi.CnnSpec;
import dev.glia.benchmarks.spi.ImageData;
import dev.glia.benchmarks.spi.Task;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cnn subcommand: its network's arithmetic, its options, its systems and its GFLOPS lines; no child JVM. */
class CnnCommandTest {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void theSpecIsTheIssuesNetworkAndCountsItsArithmeticByHand() {
        CnnSpec spec = CnnSpec.fashionMnist(3, 42);
        assertEquals(24, spec.conv1Side());
        assertEquals(12, spec.pool1Side());
        assertEquals(8, spec.conv2Side());
        assertEquals(4, spec.pool2Side());
        assertEquals(1024, spec.flattened());
        assertEquals(784, spec.inputs());
        // conv1 24·24·32·(1·5·5) + conv2 8·8·64·(32·5·5) + dense 1024·128 + 128·10
        assertEquals(460_800L, spec.conv1Macs());
        assertEquals(3_276_800L, spec.conv2Macs());
        assertEquals(460_800L + 3_276_800L + 131_072L + 1_280L, spec.forwardMacs());
        assertEquals(23.22e6, spec.trainingFlops(), 0.01e6, "the issue's 'about 23 MFLOP'");
        assertEquals(128, spec.batch());
        assertEquals(1e-3, spec.learningRate());
    }

    @Test
    void theJmhConvolutionFlopsCountEachPassOfTheBatch() {
        assertEquals(2.0 * 128 * 460_800, Conv2dLayerBench.flops("conv1", false));
        assertEquals(2 * 2.0 * 128 * 460_800, Conv2dLayerBench.flops("conv1", true), "no input gradient");
        assertEquals(3 * 2.0 * 128 * 3_276_800, Conv2dLayerBench.flops("conv2", true));
    }

    @Test
    void theCsvHeaderIsThroughputs() {
        assertEquals(
                "system,samples_per_s,test_accuracy,infer_us,peak_rss_mb,run_samples_per_s",
                ThroughputCommand.newTable().csvHeader());
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnyChildStarts() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, Main.run(List.of("cnn", "--train", "0"), NOWHERE, errStream));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--train must be at least 1"), err.toString());
        err.reset();
        assertEquals(2, Main.run(List.of("cnn", "--trian", "5"), NOWHERE, errStream));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("--trian") && message.contains("--train") && message.contains("--test"), message);
    }

    @Test
    void everySystemButTheGemmReferenceIsOffered() {
        Systems systems = Systems.of(List.of(new GliaSystem("ejml", null), new GliaSystem("opencl", "no platform")));
        List<String> skipped = new ArrayList<>();
        List<BenchSystem> chosen = systems.select(null, Task.CNN, skipped);
        assertEquals(
                List.of("glia-ejml"), chosen.stream().map(BenchSystem::name).toList());
        assertTrue(skipped.contains("glia-opencl: no platform"), skipped.toString());
        assertTrue(skipped.stream().anyMatch(s -> s.startsWith("dl4j: not built")), skipped.toString());
        assertTrue(skipped.stream().anyMatch(s -> s.startsWith("djl-pytorch: not built")), skipped.toString());
        assertTrue(skipped.stream().noneMatch(s -> s.startsWith("nd4j-1t")), "nd4j-1t is gemm only");
    }

    @Test
    void gflopsAreSamplesPerSecondTimesTheFlopsPerSampleAgainstThePeak() {
        ThroughputCommand command = new ThroughputCommand(NOWHERE, NOWHERE, ThroughputCommand.Model.CNN);
        command.accept(new GliaSystem("ejml", null), List.of(Map.of("samples_per_s", "1000")));
        CnnSpec spec = CnnSpec.fashionMnist(3, 42);
        String withPeak = command.gflops(spec, 100);
        // 1,000 samples/s × 23,219,712 FLOP = 23.22 GFLOPS, 23.2 % of 100
        assertTrue(withPeak.contains("- glia-ejml: 23.22 GFLOPS (23.2 % of peak)"), withPeak);
        assertTrue(withPeak.contains("23.2 MFLOP per sample"), withPeak);
        String unknown = command.gflops(spec, Double.NaN);
        assertTrue(unknown.contains("peak is not known") && unknown.contains("- glia-ejml: 23.22 GFLOPS\n"), unknown);
    }

    @Test
    void theNominalPeakFollowsTheWidestVectorUnit() {
        // 2 cores × 2.6 GHz × lanes × 2 (FMA) × 2 pipes
        assertEquals(332.8, MachineInfo.peakGflops(2, 2600, "fpu sse2 avx avx2 fma avx512f"), 1e-9);
        assertEquals(166.4, MachineInfo.peakGflops(2, 2600, "fpu sse2 avx fma avx2"), 1e-9);
        assertEquals(83.2, MachineInfo.peakGflops(2, 2600, "fpu sse2 avx512fx"), 1e-9);
        assertTrue(Double.isNaN(MachineInfo.peakGflops(2, Double.NaN, "avx2 fma")));
    }

    @Test
    void aTrainingSubsetIsTheFirstSamples() {
        float[] pixels = {0, 1, 2, 3, 4, 5};
        int[] labels = {0, 1, 0};
        float[] oneHot = {1, 0, 0, 1, 1, 0};
        ImageData all = new ImageData(pixels, labels, oneHot, 2, 2);
        ImageData two = all.first(2);
        assertArrayEquals(new float[] {0, 1, 2, 3}, two.pixels());
        assertArrayEquals(new int[] {0, 1}, two.labels());
        assertArrayEquals(new float[] {1, 0, 0, 1}, two.oneHot());
        assertSame(all, all.first(3));
        assertSame(all, all.first(60_000));
        assertThrows(IllegalArgumentException.class, () -> all.first(0));
    }
}
