package dev.glia.backend.opencl.internal;

import dev.glia.api.DType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The tuning knobs of {@code gemm.cl}, named after CLBlast's Xgemm parameters (see the kernel's
 * header): the work-group tile {@code MWG x NWG x KWG}, the work-group {@code NDIMC x MDIMC}, the
 * vector width {@code VWN}, the unroll factor {@code KWI}, local-memory staging {@code SA}/{@code SB}
 * and the thread strides {@code STRM}/{@code STRN}. Defaults depend on the device type, the element
 * type and whether B is transposed; the option {@code glia.opencl.gemm} (e.g.
 * {@code MWG=64,NWG=64,KWG=16}) overrides any of them for the kernel of the interior, and
 * {@code glia.opencl.gemm.edge} for the kernel of the edge strips and small products.
 *
 * @param mwg rows of C per work-group
 * @param nwg columns of C per work-group
 * @param kwg steps of k per tile
 * @param mdimc work-items along the rows
 * @param ndimc work-items along the columns
 * @param vwn vector width along the columns (1, 2, 4, 8 or 16)
 * @param kwi unroll factor of the k loop (divides kwg)
 * @param sa 1 to stage tiles of A in local memory
 * @param sb 1 to stage tiles of B in local memory
 * @param strm 1 to stride a work-item's rows
 * @param strn 1 to stride a work-item's columns
 */
public record GemmParameters(
        int mwg, int nwg, int kwg, int mdimc, int ndimc, int vwn, int kwi, int sa, int sb, int strm, int strn) {
    /** The option overriding the main kernel's parameters. */
    public static final String OPTION = "glia.opencl.gemm";
    /** The option overriding the edge kernel's parameters. */
    public static final String EDGE_OPTION = "glia.opencl.gemm.edge";

    /** Checks the divisibilities the kernel relies on. */
    public GemmParameters {
        require(mwg > 0 && nwg > 0 && kwg > 0 && mdimc > 0 && ndimc > 0 && kwi > 0, "every size must be positive");
        require(mwg % mdimc == 0, "MWG must be a multiple of MDIMC");
        require(nwg % ndimc == 0, "NWG must be a multiple of NDIMC");
        require(vwn == 1 || vwn == 2 || vwn == 4 || vwn == 8 || vwn == 16, "VWN must be 1, 2, 4, 8 or 16");
        require((nwg / ndimc) % vwn == 0, "NWG / NDIMC must be a multiple of VWN");
        require(kwg % kwi == 0, "KWG must be a multiple of KWI");
        require(isBit(sa) && isBit(sb) && isBit(strm) && isBit(strn), "SA, SB, STRM and STRN must be 0 or 1");
    }

    private static boolean isBit(int v) {
        return v == 0 || v == 1;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid gemm parameters: " + message);
        }
    }

    /**
     * The defaults for a device of this kind, an element type, whether B is transposed, and whether
     * the kernel computes the interior ({@code edge == false}: large tiles) or the edge strips and small
     * products ({@code edge == true}: small tiles, so that little work is wasted past the edges).
     */
    public static GemmParameters defaults(DeviceInfo.Kind kind, DType dtype, boolean transB, boolean edge) {
        boolean f64 = dtype == DType.FLOAT64;
        if (kind == DeviceInfo.Kind.CPU) {
            // CPU runtimes (tuned on PoCL 3.1 with AVX-512): each work-item keeps an 8 x 32 (float) block in 16
            // vector registers. One operand's tile is packed in local memory, the other is read straight from
            // global memory, whose rows the caches hold: A is packed when B's rows are contiguous, B when B is
            // transposed (its tile is then transposed while packing)
            int vw = f64 ? 8 : 16;
            if (edge) {
                return transB
                        ? new GemmParameters(32, 4 * vw, 32, 4, 4, vw, 4, 0, 1, 0, 0)
                        : new GemmParameters(32, 4 * vw, 32, 4, 4, vw, 4, 1, 0, 0, 0);
            }
            return transB
                    ? new GemmParameters(256, 8 * vw, 32, 32, 4, vw, 4, 0, 1, 0, 0)
                    : new GemmParameters(32, 16 * vw, 32, 4, 8, vw, 4, 1, 0, 0, 0);
        }
        // GPUs: myGEMM's kernels 6/7: both tiles staged in local memory, 16 x 16 work-items with 8 x 8 blocks
        // (float), strided so that neighbouring work-items touch neighbouring addresses
        if (edge) {
            return new GemmParameters(32, 32, 16, 8, 8, 1, 2, 1, 1, 1, 1);
        }
        return f64
                ? new GemmParameters(64, 64, 16, 16, 16, 2, 2, 1, 1, 1, 1)
                : new GemmParameters(128, 128, 16, 16, 16, 4, 2, 1, 1, 1, 1);
    }

    /** These parameters with {@code spec} ({@code KEY=VALUE,...}, keys as in CLBlast, case-insensitive) applied. */
    public GemmParameters with(String spec) {
        if (spec == null || spec.isBlank()) {
            return this;
        }
        Map<String, Integer> v = asMap();
        for (String part : spec.split("[,;\\s]+", -1)) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq).trim().toUpperCase(Locale.ROOT);
            if (eq < 0 || !v.containsKey(key)) {
                throw new IllegalArgumentException(
                        "Invalid gemm parameter '" + part + "': expected KEY=VALUE with KEY one of " + v.keySet());
            }
            try {
                v.put(key, Integer.parseInt(part.substring(eq + 1).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "Invalid gemm parameter '" + part + "': the value is not an integer", e);
            }
        }
        return new GemmParameters(
                v.get("MWG"),
                v.get("NWG"),
                v.get("KWG"),
                v.get("MDIMC"),
                v.get("NDIMC"),
                v.get("VWN"),
                v.get("KWI"),
                v.get("SA"),
                v.get("SB"),
                v.get("STRM"),
                v.get("STRN"));
    }

    /** The knobs by CLBlast name, in a stable order. */
    public Map<String, Integer> asMap() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("MWG", mwg);
        m.put("NWG", nwg);
        m.put("KWG", kwg);
        m.put("MDIMC", mdimc);
        m.put("NDIMC", ndimc);
        m.put("VWN", vwn);
        m.put("KWI", kwi);
        m.put("SA", sa);
        m.put("SB", sb);
        m.put("STRM", strm);
        m.put("STRN", strn);
        return m;
    }

    /** Work-items per work-group. */
    public int workGroupSize() {
        return mdimc * ndimc;
    }

    /** Local memory the kernel uses, in bytes. */
    public long localBytes(DType dtype) {
        return (long) (sa * (mwg + 1) + sb * nwg) * kwg * dtype.bytes();
    }

    /** Fails unless the device can run this kernel. */
    void checkFits(DeviceInfo device, DType dtype) {
        if (workGroupSize() > device.maxWorkGroupSize()) {
            throw new IllegalArgumentException("gemm parameters " + this + " need work-groups of " + workGroupSize()
                    + " but " + device.name() + " allows " + device.maxWorkGroupSize());
        }
        if (localBytes(dtype) > device.localMemory()) {
            throw new IllegalArgumentException("gemm parameters " + this + " need " + localBytes(dtype)
                    + " bytes of local memory but " + device.name() + " has " + device.localMemory());
        }
    }

    /** The build options: {@code -DMWG=64 -DNWG=64 ...}. */
    String buildOptions() {
        StringBuilder sb = new StringBuilder();
        asMap().forEach((k, val) -> sb.append(sb.length() == 0 ? "" : " ")
                .append("-D")
                .append(k)
                .append('=')
                .append(val));
        return sb.toString();
    }

    @Override
    public String toString() {
        return asMap().toString().replace("{", "").replace("}", "").replace(" ", "");
    }
}
