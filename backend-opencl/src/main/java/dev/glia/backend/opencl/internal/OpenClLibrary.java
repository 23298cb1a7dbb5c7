package dev.glia.backend.opencl.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds and loads {@code libOpenCL.so} the way the Linux dynamic loader would for JOCL, before JOCL
 * tries. When JOCL's native code cannot open the library it prints its own "Could not load
 * libOpenCL.so" line on standard error, which a user of a machine without OpenCL should never see;
 * this check fails quietly with a reason instead, and JOCL is only touched once the library loads.
 *
 * <p>The search follows {@code dlopen("libOpenCL.so")}: the directories of {@code LD_LIBRARY_PATH}
 * (an empty entry is the working directory), then the paths the loader cache ({@code /etc/ld.so.cache})
 * names, then the system directories. The first file found is loaded; a file of the wrong ELF class
 * (a 32-bit library in a 64-bit JVM) is passed over as the loader does, and any other failure to load
 * (an empty or damaged file) ends the search, as it ends {@code dlopen}'s. Elsewhere than on Linux
 * the check is skipped and JOCL loads the library itself.
 */
final class OpenClLibrary {
    /** The file JOCL asks the loader for. */
    static final String FILE_NAME = "libOpenCL.so";

    private static final Path LOADER_CACHE = Path.of("/etc/ld.so.cache");
    private static final long MAX_CACHE_BYTES = 64L << 20;

    private OpenClLibrary() {}

    /** Whether this check applies: only Linux's loader is emulated. */
    static boolean applies() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    /**
     * Loads the library this process's loader would find, or says why it cannot.
     *
     * @return null when the library loaded, else the reason (what was looked for, where, and what failed)
     */
    static String loadProblem() {
        List<Path> candidates = candidates(System.getenv("LD_LIBRARY_PATH"), LOADER_CACHE, systemDirectories());
        return loadProblem(candidates, file -> {
            String notElf = elfProblem(file);
            return notElf != null ? notElf : systemLoad(file);
        });
    }

    /**
     * Loads the first usable candidate with {@code loader}, which returns null on success or the loader's
     * error message.
     */
    static String loadProblem(List<Path> candidates, Function<Path, String> loader) {
        if (candidates.isEmpty()) {
            return FILE_NAME + " was not found (looked in LD_LIBRARY_PATH, the loader cache /etc/ld.so.cache and the"
                    + " system library directories)";
        }
        String skipped = null;
        for (Path candidate : candidates) {
            String error = loader.apply(candidate);
            if (error == null) {
                return null;
            }
            if (!error.contains("wrong ELF class")) {
                return FILE_NAME + " at " + candidate + " cannot be loaded: " + error;
            }
            skipped = skipped == null ? candidate.toString() : skipped + ", " + candidate;
        }
        return FILE_NAME + " was found only for another architecture (" + skipped + ")";
    }

    /**
     * Existing files named {@link #FILE_NAME}, in the loader's search order, without repeats.
     *
     * @param ldLibraryPath the value of {@code LD_LIBRARY_PATH}, or null
     * @param cache         the loader cache to read paths from (missing or unreadable: skipped)
     * @param systemDirs    the system directories searched last
     */
    static List<Path> candidates(String ldLibraryPath, Path cache, List<Path> systemDirs) {
        Set<Path> found = new LinkedHashSet<>();
        if (ldLibraryPath != null && !ldLibraryPath.isEmpty()) {
            for (String dir : ldLibraryPath.split("[:;]", -1)) {
                addIfFile(found, dir.isEmpty() ? Path.of("") : path(dir));
            }
        }
        for (String cached : cachedPaths(cache)) {
            addIfFile(found, path(cached).getParent());
        }
        systemDirs.forEach(dir -> addIfFile(found, dir));
        return new ArrayList<>(found);
    }

    /** The absolute paths ending in {@code /libOpenCL.so} that the loader cache's string table holds, in order. */
    static List<String> cachedPaths(Path cache) {
        List<String> paths = new ArrayList<>();
        byte[] bytes;
        try {
            if (!Files.isRegularFile(cache) || Files.size(cache) > MAX_CACHE_BYTES) {
                return paths;
            }
            bytes = Files.readAllBytes(cache);
        } catch (IOException e) {
            return paths;
        }
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == 0) {
                if (i > start && bytes[start] == '/') {
                    String s = new String(bytes, start, i - start, StandardCharsets.ISO_8859_1);
                    if (s.endsWith("/" + FILE_NAME)) {
                        paths.add(s);
                    }
                }
                start = i + 1;
            }
        }
        return paths;
    }

    /** The loader's built-in directories for this architecture (Debian-style multiarch first). */
    static List<Path> systemDirectories() {
        String arch = System.getProperty("os.arch", "");
        String triplet = switch (arch) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64", "arm64" -> "aarch64-linux-gnu";
            default -> arch + "-linux-gnu";
        };
        return List.of(
                Path.of("/lib", triplet),
                Path.of("/usr/lib", triplet),
                Path.of("/lib64"),
                Path.of("/usr/lib64"),
                Path.of("/lib"),
                Path.of("/usr/lib"));
    }

    private static void addIfFile(Set<Path> found, Path dir) {
        if (dir == null) {
            return;
        }
        Path file = dir.resolve(FILE_NAME).toAbsolutePath().normalize();
        if (Files.isRegularFile(file)) {
            found.add(file);
        }
    }

    private static Path path(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * Why {@code file} cannot be a shared library for this JVM, from its ELF header, or null. Checked before
     * {@link System#load}, which on a file that is not ELF at all prints a stack-guard warning on standard
     * error before failing. A library of the other word size is reported as "wrong ELF class", the loader's
     * own words.
     */
    static String elfProblem(Path file) {
        byte[] head = new byte[18];
        int n;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return "cannot read it (" + e + ")";
        }
        if (n < head.length || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
            return "it is not an ELF shared library (" + (n < head.length ? "only " + n + " bytes" : "no ELF magic")
                    + ")";
        }
        int elfClass = head[4];
        int jvmClass = "32".equals(System.getProperty("sun.arch.data.model")) ? 1 : 2;
        if (elfClass != jvmClass) {
            return "wrong ELF class: ELFCLASS" + (elfClass == 1 ? "32" : elfClass == 2 ? "64" : "NONE");
        }
        int type =
                head[5] == 2 ? (head[16] & 0xff) << 8 | (head[17] & 0xff) : (head[17] & 0xff) << 8 | (head[16] & 0xff);
        if (type != 3) {
            return "it is an ELF file but not a shared library (e_type " + type + ")";
        }
        return null;
    }

    /** {@link System#load}: null when the library is (or already was) loaded, else the loader's message. */
    private static String systemLoad(Path file) {
        try {
            System.load(file.toString());
            return null;
        } catch (UnsatisfiedLinkError e) {
            String message = String.valueOf(e.getMessage());
            // Loaded by another class loader of this JVM already: the loader has it, which is all JOCL needs.
            return message.contains("already loaded in another classloader") ? null : message;
        }
    }
}
