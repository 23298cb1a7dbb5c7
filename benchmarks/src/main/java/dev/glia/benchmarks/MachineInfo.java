package dev.glia.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on and when: CPU model, cores, memory, OS, JVM, load average. */
public final class MachineInfo {
    private MachineInfo() {}

    /** The CPU model as {@code lscpu} names it ({@code /proc/cpuinfo}'s model name). */
    public static String cpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    /** Total memory in GiB from {@code /proc/meminfo}, or NaN. */
    public static double memoryGiB() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} prints them. */
    public static String loadAverage() {
        List<String> l = lines(Path.of("/proc/loadavg"));
        if (l.isEmpty()) {
            return "n/a";
        }
        String[] p = l.get(0).split("\\s+", -1);
        return p[0] + ", " + p[1] + ", " + p[2];
    }

    /** The current UTC time, minutes. */
    public static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    /** One line: CPU, cores, memory, OS, JVM. */
    public static String describe() {
        return String.format(
                Locale.ROOT,
                "%s, %d cores, %.1f GiB, %s %s, Java %s (%s)",
                cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                memoryGiB(),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
    }

    /** How {@link #peakGflops()} is computed, for the notes beside a table. */
    public static final String PEAK_FORMULA = "cores × cpu MHz of /proc/cpuinfo × float32 lanes of the widest vector"
            + " unit it lists (AVX-512 16, AVX2 8, else 4) × 2 for fused multiply-add × 2 FMA pipes; an upper"
            + " bound, as some CPUs have one pipe for that width or lower their clock under it";

    /**
     * This machine's nominal float32 peak in GFLOPS by {@link #PEAK_FORMULA}, or NaN when {@code /proc/cpuinfo}
     * does not give the clock (e.g. not Linux).
     */
    public static double peakGflops() {
        List<String> info = lines(Path.of("/proc/cpuinfo"));
        double mhz = Double.NaN;
        String flags = "";
        for (String line : info) {
            if (line.startsWith("cpu MHz") && Double.isNaN(mhz)) {
                try {
                    mhz = Double.parseDouble(
                            line.substring(line.indexOf(':') + 1).trim());
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            } else if (line.startsWith("flags") && flags.isEmpty()) {
                flags = " " + line.substring(line.indexOf(':') + 1).trim() + " ";
            }
        }
        return peakGflops(Runtime.getRuntime().availableProcessors(), mhz, flags);
    }

    /** {@link #PEAK_FORMULA} for these cores, clock and space-separated CPU flags; NaN when the clock is NaN. */
    static double peakGflops(int cores, double mhz, String flags) {
        String f = " " + flags.trim() + " ";
        int lanes = f.contains(" avx512f ") ? 16 : f.contains(" avx2 ") && f.contains(" fma ") ? 8 : 4;
        return cores * mhz / 1000 * lanes * 2 * 2;
    }

    /** The peak resident set size of this process ({@code VmHWM} in {@code /proc/self/status}) in MiB, or NaN. */
    public static double peakRssMiB() {
        for (String line : lines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
