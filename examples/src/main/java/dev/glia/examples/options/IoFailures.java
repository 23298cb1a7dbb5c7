package dev.glia.examples.options;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns I/O exceptions into messages that say what failed and why, as {@code cannot <do what> <path>:
 * <reason>}. Several {@link FileSystemException}s ({@link NoSuchFileException}, {@link AccessDeniedException},
 * {@link NotDirectoryException}, {@link FileAlreadyExistsException}) carry only the path as their message;
 * their reason is restored here from their type.
 */
public final class IoFailures {
    /** {@code java.io}'s way of putting the reason: {@code /path (Permission denied)}. */
    private static final Pattern JAVA_IO_MESSAGE = Pattern.compile("(.+) \\(([^()]+)\\)");

    private IoFailures() {}

    /**
     * An unchecked exception whose message is {@code cannot <doing> <path>: <reason>}, with {@code cause}
     * as its cause; {@code doing} is e.g. "write the chart".
     */
    public static UncheckedIOException failure(String doing, Path path, IOException cause) {
        return new UncheckedIOException("cannot " + doing + " " + path + ": " + reason(cause, path), cause);
    }

    /**
     * A one-line message for an I/O exception that no caller explained: {@code cannot access <path>:
     * <reason>} for a file-system exception, else its own message.
     */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            String paths = f.getOtherFile() == null ? f.getFile() : f.getFile() + " or " + f.getOtherFile();
            return "cannot access " + paths + ": " + reason(e, Path.of(f.getFile()));
        }
        if (e instanceof FileNotFoundException && e.getMessage() != null) {
            Matcher m = JAVA_IO_MESSAGE.matcher(e.getMessage());
            if (m.matches()) {
                return "cannot access " + m.group(1) + ": " + m.group(2).toLowerCase(Locale.ROOT);
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "I/O error: " + e : message;
    }

    /**
     * Why {@code e} failed, in lower case, without the path: the operating system's reason where the
     * exception has one, else the one its type stands for. {@code path} (may be null) is what was being
     * worked on; for "not a directory" the reason names the ancestor that is a file, if there is one.
     */
    public static String reason(IOException e, Path path) {
        while (e.getCause() instanceof IOException cause) {
            e = cause; // ImageIO's "I/O error writing PNG file!" wraps "No space left on device"
        }
        String reason = null;
        if (e instanceof FileSystemException f) {
            reason = f.getReason();
        } else if (e instanceof FileNotFoundException && e.getMessage() != null) {
            Matcher m = JAVA_IO_MESSAGE.matcher(e.getMessage());
            reason = m.matches() ? m.group(2) : null;
        } else {
            reason = e.getMessage();
        }
        if (reason == null || reason.isBlank()) {
            reason = byType(e);
        }
        reason = lowerFirst(reason);
        // "not a directory", or an ancestor that "already exists" (as a file, when creating the folders)
        boolean ancestorExists = e instanceof FileAlreadyExistsException f
                && f.getFile() != null
                && path != null
                && !Path.of(f.getFile()).toAbsolutePath().equals(path.toAbsolutePath());
        if (path != null
                && (e instanceof NotDirectoryException || reason.equals("not a directory") || ancestorExists)) {
            Path file = fileAncestor(path);
            if (file != null) {
                return file + " is a file, not a directory";
            }
        }
        return reason;
    }

    private static String byType(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "it is a directory that is not empty";
        }
        if (e instanceof NotLinkException) {
            return "not a symbolic link";
        }
        return e.getClass().getSimpleName();
    }

    /** The nearest of {@code path} and its ancestors that exists and is not a directory, or null. */
    static Path fileAncestor(Path path) {
        for (Path p = path.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) || Files.exists(p)) {
                return Files.isDirectory(p) ? null : p;
            }
        }
        return null;
    }

    private static String lowerFirst(String s) {
        // "Not a directory" -> "not a directory", but keep an acronym such as "EIO" or a name as it is
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
            return Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        return s;
    }
}
