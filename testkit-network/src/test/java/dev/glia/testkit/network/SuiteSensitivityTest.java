package dev.glia.testkit.network;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.testkit.ForwardingBackend;
import dev.glia.testkit.ReferenceBackend;
import org.junit.jupiter.api.Test;

/**
 * The suites can fail: on a backend that is slightly wrong, or that leaks a little, the test that should notice it
 * throws, and says what differed.
 */
class SuiteSensitivityTest {

    /** The reference backend with every matrix product scaled by 1 + 1e-4: a small, systematic error. */
    private static Backend slightlyWrongProducts() {
        return new ForwardingBackend(new ReferenceBackend()) {
            @Override
            public void gemm(boolean ta, boolean tb, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
                super.gemm(ta, tb, alpha * (1 + 1e-4), a, b, beta, c);
            }
        };
    }

    /** The reference backend leaking one small tensor every 5,000 matrix products. */
    private static Backend leakyProducts() {
        return new ForwardingBackend(new ReferenceBackend()) {
            private long products;

            @Override
            public void gemm(boolean ta, boolean tb, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
                if (++products % 5_000 == 0) {
                    allocate(Shape.of(1, 1), DType.FLOAT32); // never closed
                }
                super.gemm(ta, tb, alpha, a, b, beta, c);
            }
        };
    }

    @Test
    void crossBackendSuiteSeesSlightlyWrongProducts() {
        CrossBackendSuite suite = new CrossBackendSuite() {
            @Override
            protected Backend createBackend() {
                return slightlyWrongProducts();
            }
        };
        AssertionError e = assertThrows(AssertionError.class, suite::sgdStepsGiveTheSameWeights);
        assertTrue(e.getMessage().contains("reference"), e.getMessage());
    }

    @Test
    void leakSuiteSeesOneTensorLeakedPerFiveThousandProducts() {
        LeakSuite suite = new LeakSuite() {
            @Override
            protected Backend createBackend() {
                return leakyProducts();
            }

            @Override
            protected int trainingSteps() {
                return 2_000;
            }
        };
        AssertionError e = assertThrows(AssertionError.class, suite::trainingKeepsLiveTensorsAndBytesFlat);
        assertTrue(e.getMessage().contains("live tensors"), e.getMessage());
    }
}
