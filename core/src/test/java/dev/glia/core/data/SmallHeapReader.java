package dev.glia.core.data;

import java.nio.file.Path;

/**
 * Run by {@link IdxHostileFileTest} in a JVM with a small heap: prints the heap's limit, then for each
 * argument (an IDX file, or {@code images,labels}) one line: the error message, or what was read.
 */
public final class SmallHeapReader {
    private SmallHeapReader() {}

    /** Reads each argument and prints one line each. */
    public static void main(String[] args) {
        System.out.println(Runtime.getRuntime().maxMemory());
        for (String arg : args) {
            try {
                String[] pair = arg.split(",");
                if (pair.length == 2) {
                    System.out.println("read "
                            + LabelledImages.read(Path.of(pair[0]), Path.of(pair[1]), 10)
                                    .size());
                } else {
                    System.out.println("read " + Idx.read(Path.of(arg)).count());
                }
            } catch (IdxFormatException e) {
                System.out.println(e.getMessage());
            }
        }
    }
}
