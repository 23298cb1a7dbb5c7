package dev.glia.core.activations;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;

/** Where a class was loaded from: its jar or class directory, for messages and listings. */
final class Origins {
    private Origins() {}

    /** The jar or directory that holds {@code type}, as a file path where it is one, else its URL. */
    static String of(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            if (location == null) {
                return "unknown location";
            }
            if ("file".equals(location.getProtocol())) {
                return Path.of(location.toURI()).toString();
            }
            return location.toString();
        } catch (SecurityException | URISyntaxException | IllegalArgumentException e) {
            return "unknown location";
        }
    }
}
