package dev.glia.examples.text;

import java.util.Arrays;

/**
 * The characters a model knows, numbered in code-point order: the distinct characters of its training text.
 * A model file stores them as one string ({@link #characters()}), so that generation maps ids back to the same
 * characters.
 */
public final class Vocabulary {
    private final String characters;
    private final int[] idOf;

    private Vocabulary(String characters) {
        this.characters = characters;
        int max = characters.chars().max().orElse(0);
        this.idOf = new int[max + 1];
        Arrays.fill(idOf, -1);
        for (int i = 0; i < characters.length(); i++) {
            idOf[characters.charAt(i)] = i;
        }
    }

    /** The distinct characters of {@code text}, sorted. */
    public static Vocabulary of(CharSequence text) {
        if (text.length() == 0) {
            throw new IllegalArgumentException("A vocabulary needs a text with at least one character");
        }
        return new Vocabulary(text.chars()
                .distinct()
                .sorted()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString());
    }

    /**
     * The vocabulary a model file recorded: distinct characters in ascending order; anything else is refused
     * with a message naming {@code source}.
     */
    public static Vocabulary parse(String characters, String source) {
        if (characters == null || characters.isEmpty()) {
            throw new IllegalArgumentException(source + " records no vocabulary; it was not written by glia text");
        }
        for (int i = 1; i < characters.length(); i++) {
            if (characters.charAt(i) <= characters.charAt(i - 1)) {
                throw new IllegalArgumentException(source + " records a vocabulary whose characters are not distinct"
                        + " and in ascending order (at position " + i + "); the file is damaged");
            }
        }
        return new Vocabulary(characters);
    }

    /** How many characters. */
    public int size() {
        return characters.length();
    }

    /** The characters in id order. */
    public String characters() {
        return characters;
    }

    /** The character with {@code id}. */
    public char character(int id) {
        return characters.charAt(id);
    }

    /** Whether {@code c} has an id. */
    public boolean contains(char c) {
        return c < idOf.length && idOf[c] >= 0;
    }

    /** The ids of {@code text}'s characters; a character outside the vocabulary is refused, naming {@code what}. */
    public int[] encode(CharSequence text, String what) {
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) {
            char c = text.charAt(i);
            if (!contains(c)) {
                throw new IllegalArgumentException(what + " holds " + shown(c) + " at character " + (i + 1)
                        + ", which the model's vocabulary of " + size() + " characters lacks; use only these: "
                        + characters.replace("\n", "\\n"));
            }
            ids[i] = idOf[c];
        }
        return ids;
    }

    private static String shown(char c) {
        return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
