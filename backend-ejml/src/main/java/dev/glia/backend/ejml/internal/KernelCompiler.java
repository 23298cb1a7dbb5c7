package dev.glia.backend.ejml.internal;

import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

/** Compiles generated kernel source with Janino, each kernel in its own class loader. */
final class KernelCompiler {
    private KernelCompiler() {
    }

    /**
     * Compiles {@code source}, which must declare the public class {@code className} in the default
     * package implementing {@link FusedKernel}, and returns a new instance of it.
     *
     * @throws IllegalStateException with the compiler's message and the numbered source when the
     *         source does not compile (a bug in the generator)
     */
    static FusedKernel compile(String className, String source, String what) {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(FusedKernel.class.getClassLoader());
        try {
            compiler.cook(className + ".java", source);
            Class<?> type = compiler.getClassLoader().loadClass(className);
            return (FusedKernel) type.getDeclaredConstructor().newInstance();
        } catch (CompileException e) {
            throw new IllegalStateException("EJML backend: the generated kernel for " + what
                    + " does not compile: " + e.getMessage() + "\n" + numbered(source), e);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("EJML backend: the generated kernel for " + what
                    + " compiled but could not be instantiated: " + e + "\n" + numbered(source), e);
        }
    }

    /** The source with line numbers, as the compiler's message refers to them. */
    static String numbered(String source) {
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
