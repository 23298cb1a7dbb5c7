package dev.glia.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The CSV headers are an interface that scripts and the README rely on. */
class CsvHeadersTest {
    @Test
    void throughputHeaderIsFixed() {
        assertEquals(
                "system,samples_per_s,test_accuracy,infer_us,peak_rss_mb,run_samples_per_s",
                ThroughputCommand.newTable().csvHeader());
        assertEquals(ThroughputCommand.CSV_HEADER, ThroughputCommand.newTable().csvHeader());
    }

    @Test
    void gemmAndXorHeadersAreFixed() {
        assertEquals("system,m,k,n,gflops", GemmCommand.newTable().csvHeader());
        assertEquals(GemmCommand.CSV_HEADER, GemmCommand.newTable().csvHeader());
        assertEquals("system,us_per_step", XorCommand.newTable().csvHeader());
        assertEquals(XorCommand.CSV_HEADER, XorCommand.newTable().csvHeader());
    }
}
