package dev.glia.examples.options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Checks and prepares where a command writes, before it does any work: an output directory
 * ({@code --out DIR}) or an output file ({@code --plot FILE}). A value that cannot name one (an empty
 * string, a path that exists as the other kind) is a {@link UsageError}; a directory that cannot be created
 * or written into fails with the reason, e.g. {@code cannot create the output directory /etc/passwd/x:
 * /etc/passwd is a file, not a directory}.
 */
public final class OutputPaths {
    private OutputPaths() {}

    /**
     * The directory {@code text} names, created if missing and checked to be writable; {@code files} are
     * the names the command will write into it, refused up front if one of them exists and is not a regular
     * file (writing renames over it).
     */
    public static Path directory(String option, String text, String... files) {
        Path dir = path(option, text, "a directory");
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageError(option + " must name a directory, but " + dir + " is "
                    + (Files.isRegularFile(dir) ? "a file" : kind(dir)));
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw IoFailures.failure("create the output directory", dir, e);
        }
        try {
            // a real write tells apart permission denied, a read-only file system, a full disk...
            Files.delete(Files.createTempFile(dir, ".glia-write-check-", ".tmp"));
        } catch (IOException e) {
            throw IoFailures.failure("write into the output directory", dir, e);
        }
        for (String name : files) {
            Path file = dir.resolve(name);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
                throw new UsageError(option + " " + dir + " holds " + kind(file) + " " + name + " where the command"
                        + " writes the file " + name + "; remove it or choose another directory");
            }
        }
        return dir;
    }

    /**
     * The file {@code text} names, for {@code doing} (e.g. "write the plot"): refused if it exists and is not
     * a regular file (a directory, a device such as {@code /dev/null}, a FIFO, a symbolic link: writing
     * replaces the file by renaming over it), or if a folder on its way is a file; its missing folders are
     * created when it is written.
     */
    public static Path file(String option, String text, String doing) {
        Path file = path(option, text, "a file");
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
            // writing replaces the file: never a directory, a device such as /dev/null, a FIFO or a link
            throw new UsageError(option + " must name a regular file, but " + file + " is " + kind(file));
        }
        Path parent = file.toAbsolutePath().getParent();
        Path blocking = parent == null ? null : IoFailures.fileAncestor(parent);
        if (blocking != null) {
            throw new UncheckedIOException(
                    "cannot " + doing + " " + file + ": " + blocking + " is a file, not a directory",
                    new NotDirectoryException(blocking.toString()));
        }
        return file;
    }

    /** What a path that is not a regular file is, for a message: "a directory", "a device or other special file". */
    static String kind(Path path) {
        if (Files.isSymbolicLink(path)) {
            return "a symbolic link";
        }
        return Files.isDirectory(path) ? "a directory" : "a device or other special file";
    }

    private static Path path(String option, String text, String what) {
        OptionValues.nonBlank(option, text, what);
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UsageError(
                    option + " must name " + what + ", got " + OptionValues.shown(text) + ": " + e.getReason());
        }
    }
}
