package dev.glia.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Opens only regular files. Opening a FIFO blocks until a writer appears and a device may never end, so the
 * file's attributes are read first (which does not open it) and anything else is refused with a message
 * naming what it is.
 */
final class RegularFiles {
    private RegularFiles() {}

    /**
     * Opens {@code file} for reading if it is a regular file (following symbolic links), else throws a
     * {@link ModelFileException} saying what it is instead.
     *
     * @throws java.nio.file.NoSuchFileException when it does not exist
     */
    static FileChannel openForReading(Path file, String what) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new ModelFileException(what + " " + file + " is " + kind(file, attributes)
                    + ", not a regular file; give the path of a file");
        }
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    /** What a non-regular file is, in words: from the POSIX mode where the platform gives it. */
    static String kind(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            String kind = switch (mode & 0170000) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> null;
            };
            if (kind != null) {
                return kind;
            }
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException | ClassCastException e) {
            // no unix view on this platform: fall through to the general wording
        }
        return "a FIFO, socket or device";
    }
}
