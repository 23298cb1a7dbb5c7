package dev.glia.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary files of atomic saves: named {@code .NAME.glia-PID-RANDOM.tmp} beside the target {@code NAME},
 * where PID is the writing process. A crash between writing and renaming leaves one behind; the next save into
 * the same directory removes it once its writer is gone. A save in progress is never removed: this JVM's own
 * are tracked while they are written, and another process's are kept while that process lives (a PID reused by
 * an unrelated process only keeps a leftover longer). One limit: processes in another PID namespace that share
 * the directory (two containers on one volume) cannot see each other, so they should not save into one
 * directory at the same time. Files of the older pattern {@code .NAME.DIGITS.tmp}
 * (what {@link Files#createTempFile} made before) are removed for the target being saved once they have not
 * been written for {@link #OLD_PATTERN_AGE}: a save writes continuously and renames at once, so such a file is
 * not being written.
 *
 * <p>The file is created with {@code CREATE_NEW} and no explicit permissions, so the user's umask applies and a
 * model file gets the same permissions as any other file the user writes (0644 under umask 022), rather than
 * {@code createTempFile}'s 0600.
 */
final class TemporaryFiles {
    /** How long a file of the older pattern must be untouched before it is removed. */
    static final Duration OLD_PATTERN_AGE = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(TemporaryFiles.class);
    private static final Pattern OURS = Pattern.compile("\\.(.+)\\.glia-(\\d{1,19})-[0-9a-z]{1,13}\\.tmp");
    private static final Pattern OLD = Pattern.compile("\\.(.+)\\.\\d{1,20}\\.tmp");
    private static final long PID = ProcessHandle.current().pid();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** This JVM's saves in progress, by absolute path. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    private TemporaryFiles() {}

    /** The name of a new temporary file for {@code target} in this process. */
    static String name(String target) {
        return "." + target + ".glia-" + PID + "-" + Long.toUnsignedString(RANDOM.nextLong() >>> 1, 36) + ".tmp";
    }

    /**
     * Creates a new temporary file beside {@code target} (an absolute path), open for writing, and records it as
     * in flight until {@link #finished} is called with it.
     */
    static Path create(Path target) throws IOException {
        Path dir = target.getParent();
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve(name(target.getFileName().toString()));
            IN_FLIGHT.add(tmp);
            try {
                FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                        .close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                IN_FLIGHT.remove(tmp);
                if (attempt > 8) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                IN_FLIGHT.remove(tmp);
                throw e;
            }
        }
    }

    /** Marks {@code tmp} as no longer being written (renamed or deleted). */
    static void finished(Path tmp) {
        if (tmp != null) {
            IN_FLIGHT.remove(tmp);
        }
    }

    /**
     * Removes the stale temporary files in {@code target}'s directory: Glia's own whose writer is gone (any
     * target name), and files of the older pattern for {@code target} untouched for {@link #OLD_PATTERN_AGE}.
     * Failures are logged, never thrown: cleaning up must not stop a save.
     *
     * @return how many files were removed
     */
    static int removeStale(Path target) {
        Path dir = target.getParent();
        String targetName = target.getFileName().toString();
        Instant oldBefore = Instant.now().minus(OLD_PATTERN_AGE);
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                Matcher ours = OURS.matcher(name);
                boolean stale;
                if (ours.matches()) {
                    stale = !IN_FLIGHT.contains(entry) && !alive(ours.group(2));
                } else {
                    Matcher old = OLD.matcher(name);
                    stale = old.matches() && old.group(1).equals(targetName) && untouchedSince(entry, oldBefore);
                }
                if (stale && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(entry)) {
                    LOG.info("Removed {}, left by an interrupted save", entry);
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not look for stale temporary files in {}: {}", dir, e.toString());
        }
        return removed;
    }

    /** Whether the process {@code pid} is another one that still runs. */
    private static boolean alive(String pid) {
        long id;
        try {
            id = Long.parseLong(pid);
        } catch (NumberFormatException e) {
            return true;
        }
        // this JVM's saves in progress are in IN_FLIGHT; a file with its PID that is not was left by an earlier
        // process that had the same PID (in a container, the JVM is often PID 1 every time)
        return id != PID && ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean untouchedSince(Path file, Instant instant) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
        return modified.toInstant().isBefore(instant);
    }
}
