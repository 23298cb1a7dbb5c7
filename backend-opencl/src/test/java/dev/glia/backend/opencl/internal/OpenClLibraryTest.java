package dev.glia.backend.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulated loader search for libOpenCL.so: its order, the loader cache, and how failures end it. */
class OpenClLibraryTest {
    @TempDir
    Path root;

    private Path libIn(String dir) throws IOException {
        Path d = Files.createDirectories(root.resolve(dir));
        return Files.write(d.resolve(OpenClLibrary.FILE_NAME), new byte[] {1});
    }

    private Path cacheNaming(String... paths) throws IOException {
        StringBuilder sb = new StringBuilder("glibc-ld.so.cache1.1\0\0\0libOpenCL.so\0");
        for (String p : paths) {
            sb.append(p).append('\0').append("libOther.so.2\0/usr/lib/libOther.so.2\0");
        }
        return Files.write(root.resolve("ld.so.cache"), sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void searchesLdLibraryPathThenTheCacheThenTheSystemDirectories() throws IOException {
        Path env1 = libIn("env1");
        Path cached = libIn("cached");
        Path system = libIn("system");
        Files.createDirectories(root.resolve("empty"));
        String ldPath = root.resolve("empty") + ":" + root.resolve("env1") + ";" + root.resolve("missing");
        List<Path> found = OpenClLibrary.candidates(
                ldPath, cacheNaming(cached.toString()), List.of(root.resolve("system"), root.resolve("env1")));
        assertEquals(List.of(env1, cached, system), found, "order, and env1 only once");
    }

    @Test
    void theCacheIsReadForAbsolutePathsEndingInTheFileName() throws IOException {
        Path cache = cacheNaming("/lib/x86_64-linux-gnu/libOpenCL.so", "/opt/vendor/lib/libOpenCL.so");
        assertEquals(
                List.of("/lib/x86_64-linux-gnu/libOpenCL.so", "/opt/vendor/lib/libOpenCL.so"),
                OpenClLibrary.cachedPaths(cache));
        assertEquals(List.of(), OpenClLibrary.cachedPaths(root.resolve("no-such-cache")));
        assertEquals(List.of(), OpenClLibrary.candidates(null, root.resolve("no-such-cache"), List.of()));
    }

    @Test
    void nothingFoundSaysWhereItLooked() {
        String problem = OpenClLibrary.loadProblem(List.of(), p -> null);
        assertEquals(
                "libOpenCL.so was not found (looked in LD_LIBRARY_PATH, the loader cache /etc/ld.so.cache and"
                        + " the system library directories)",
                problem);
    }

    @Test
    void aLibraryOfTheWrongClassIsPassedOverAndAnyOtherFailureEndsTheSearch() {
        Path a = Path.of("/a/libOpenCL.so");
        Path b = Path.of("/b/libOpenCL.so");
        Path c = Path.of("/c/libOpenCL.so");
        List<Path> tried = new ArrayList<>();
        Map<Path, String> errors =
                Map.of(a, "/a/libOpenCL.so: wrong ELF class: ELFCLASS32", b, "/b/libOpenCL.so: file too short");
        String problem = OpenClLibrary.loadProblem(List.of(a, b, c), p -> {
            tried.add(p);
            return errors.get(p);
        });
        assertEquals(List.of(a, b), tried, "c is never tried: dlopen stops at the damaged b too");
        assertEquals("libOpenCL.so at /b/libOpenCL.so cannot be loaded: /b/libOpenCL.so: file too short", problem);
        tried.clear();
        assertNull(OpenClLibrary.loadProblem(List.of(a, c), p -> {
            tried.add(p);
            return errors.get(p);
        }));
        assertEquals(List.of(a, c), tried);
        String onlyWrongClass = OpenClLibrary.loadProblem(List.of(a), errors::get);
        assertTrue(onlyWrongClass.contains("only for another architecture (/a/libOpenCL.so)"), onlyWrongClass);
    }

    @Test
    void theElfHeaderIsCheckedBeforeTheLoaderSeesTheFile() throws IOException {
        Path empty = Files.write(root.resolve("empty.so"), new byte[0]);
        assertEquals("it is not an ELF shared library (only 0 bytes)", OpenClLibrary.elfProblem(empty));
        Path text = Files.write(
                root.resolve("text.so"), "INPUT(-lOpenCL) /* a linker script */".getBytes(StandardCharsets.US_ASCII));
        assertEquals("it is not an ELF shared library (no ELF magic)", OpenClLibrary.elfProblem(text));
        byte[] elf32 = elfHeader(1, 3);
        assertEquals(
                "wrong ELF class: ELFCLASS32", OpenClLibrary.elfProblem(Files.write(root.resolve("32.so"), elf32)));
        byte[] exec = elfHeader(2, 2);
        assertEquals(
                "it is an ELF file but not a shared library (e_type 2)",
                OpenClLibrary.elfProblem(Files.write(root.resolve("exec"), exec)));
        assertNull(OpenClLibrary.elfProblem(Files.write(root.resolve("ok.so"), elfHeader(2, 3))));
        Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
        if (Files.isRegularFile(libc) && "64".equals(System.getProperty("sun.arch.data.model"))) {
            assertNull(OpenClLibrary.elfProblem(libc), "a real 64-bit shared library passes");
        }
    }

    /** The first 18 bytes of a little-endian ELF header of class {@code elfClass} (1: 32-bit, 2: 64-bit) and {@code type}. */
    private static byte[] elfHeader(int elfClass, int type) {
        byte[] h = new byte[64];
        h[0] = 0x7f;
        h[1] = 'E';
        h[2] = 'L';
        h[3] = 'F';
        h[4] = (byte) elfClass;
        h[5] = 1;
        h[16] = (byte) type;
        return h;
    }
}
