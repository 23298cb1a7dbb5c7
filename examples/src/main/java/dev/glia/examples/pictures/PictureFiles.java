package dev.glia.examples.pictures;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import javax.imageio.ImageIO;

/**
 * Writes picture files whole or not at all: through a temporary file beside the target, renamed over it when
 * complete, so a failure (a full disk) leaves no truncated picture. The target must be absent or a regular
 * file: renaming over a directory, a device such as {@code /dev/null}, a FIFO or a link would replace it. The
 * file gets the permissions the umask gives (not {@code Files.createTempFile}'s rw-------).
 */
public final class PictureFiles {
    /** Something that writes a picture to a stream. */
    public interface Writer {
        /** Writes the picture to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    private PictureFiles() {}

    /** Writes {@code image} as a PNG to {@code file}, whose folder must exist. */
    public static Path writePng(BufferedImage image, Path file) throws IOException {
        return write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer is available");
            }
        });
    }

    /** Writes {@code file} with {@code writer}; its folder must exist. Returns {@code file}. */
    public static Path write(Path file, Writer writer) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileSystemException(file.toString(), null, "it exists and is not a regular file");
        }
        Path temporary = target.resolveSibling("." + target.getFileName() + "."
                + ProcessHandle.current().pid() + "." + Thread.currentThread().getId() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(
                    temporary,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                writer.writeTo(out);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return file;
    }
}
