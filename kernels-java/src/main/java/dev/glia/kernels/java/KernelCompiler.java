package dev.glia.kernels.java;

import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

/** Compiles generated kernel source with Janino, each kernel in a class loader of its own. */
public final class KernelCompiler {
    private KernelCompiler() {}

    /**
     * Compiles {@code source}, which must declare the public class {@code className} in the default
     * package implementing {@code type}, and returns a new instance of it.
     *
     * @param what names the kernel in error messages, e.g. the formula and its broadcast modes
     * @throws IllegalStateException with the compiler's message and the numbered source when the source
     *         does not compile (a bug in the generator) or the class does not implement {@code type}
     */
    public static <T> T compile(String className, String source, Class<T> type, String what) {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(type.getClassLoader());
        try {
            compiler.cook(className + ".java", source);
            Class<?> loaded = compiler.getClassLoader().loadClass(className);
            return type.cast(loaded.getDeclaredConstructor().newInstance());
        } catch (CompileException e) {
            throw new IllegalStateException(
                    "The generated kernel for " + what + " does not compile: " + e.getMessage() + "\n"
                            + numbered(source),
                    e);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(
                    "The generated kernel for " + what
                            + " compiled but could not be instantiated as a " + type.getSimpleName() + ": " + e + "\n"
                            + numbered(source),
                    e);
        }
    }

    /** The source with line numbers, as the compiler's message refers to them. */
    public static String numbered(String source) {
        StringBuilder sb = new StringBuilder(source.length() + 256);
        String[] lines = source.split("\n", -1);
        int count = lines.length;
        if (count > 0 && lines[count - 1].isEmpty()) {
            count--;
        }
        for (int i = 0; i < count; i++) {
            sb.append(String.format("%4d  ", i + 1)).append(lines[i]).append('\n');
        }
        return sb.toString();
    }
}
