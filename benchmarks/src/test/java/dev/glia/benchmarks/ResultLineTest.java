package dev.glia.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultLineTest {
    @Test
    void roundTripsInOrderAndFlattensLineBreaks() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("system", "glia-ejml");
        in.put("samples_per_s", 12345.5);
        in.put("engine", "EJML 0.43.1,\tJava heap\n2 threads");
        String line = ResultLine.format(in);
        assertTrue(ResultLine.isResult(line));
        assertFalse(line.contains("\n"));
        Map<String, String> out = ResultLine.parse(line);
        assertEquals(3, out.size());
        assertEquals("glia-ejml", out.get("system"));
        assertEquals("12345.5", out.get("samples_per_s"));
        assertEquals("EJML 0.43.1, Java heap 2 threads", out.get("engine"));
    }

    @Test
    void otherLinesAreNotResults() {
        assertFalse(ResultLine.isResult("RESULTS are in"));
        assertFalse(ResultLine.isResult("epoch 1"));
        assertThrows(IllegalArgumentException.class, () -> ResultLine.parse("RESULT\tnovalue"));
    }
}
