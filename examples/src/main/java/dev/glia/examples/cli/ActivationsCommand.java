package dev.glia.examples.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.core.activations.Activations;
import dev.glia.core.config.GliaConfig;
import dev.glia.core.config.GliaModule;
import dev.glia.examples.activations.ActivationCurve;
import dev.glia.examples.activations.ActivationCurves;
import dev.glia.examples.activations.ActivationDescription;
import dev.glia.examples.activations.ActivationGridChart;
import dev.glia.examples.options.BackendChoice;
import dev.glia.examples.options.IoFailures;
import dev.glia.examples.options.OptionValues;
import dev.glia.examples.options.OutputPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glia activations}: lists every registered activation (built-ins and plugins, with the jar each
 * plugin came from), describes one as formulas ({@code --describe ID}), or draws them all with their
 * derivatives into one PNG ({@code --out DIR}). The registry comes from Guice ({@link GliaModule}), so
 * it holds exactly what an application would see.
 */
@Command(
        name = "activations",
        mixinStandardHelpOptions = true,
        description = {
            "Lists every registered activation: the built-ins and the plugins found through "
                    + "META-INF/services/dev.glia.api.Activation or Guice, each plugin with the jar it came from.",
            "--describe ID prints f(x) and its simplified symbolic derivative f'(x). --out DIR draws every "
                    + "activation and its derivative into DIR/" + ActivationsCommand.FILE_NAME + "."
        })
final class ActivationsCommand implements Callable<Integer> {
    /** The name of the picture that {@code --out} writes. */
    static final String FILE_NAME = "activations.png";

    @Spec
    private CommandSpec spec;

    @Mixin
    private BackendChoice backendChoice;

    @Option(
            names = "--describe",
            paramLabel = "ID",
            description = "Print f(x) and f'(x) of one activation, e.g. swish or leaky_relu(alpha=0.2).")
    private String describe;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Draw every activation (plugins included) and its derivative into DIR/" + FILE_NAME
                    + ". Softmax and log_softmax are drawn on rows [x, 0], on the configured backend.")
    private String outDir;

    @Override
    public Integer call() {
        if (describe != null) {
            OptionValues.nonBlank("--describe", describe, "an activation such as swish or leaky_relu(alpha=0.2)");
        }
        GliaConfig config = backendChoice.config();
        Path dir = outDir == null ? null : OutputPaths.directory("--out", outDir, FILE_NAME);
        Injector injector = Guice.createInjector(new GliaModule(config));
        Activations registry = instance(injector, Activations.class);
        PrintWriter out = spec.commandLine().getOut();
        if (describe != null) {
            describe(out, ActivationDescription.of(registry.get(describe)));
        } else if (dir == null) {
            list(out, registry);
        }
        if (dir != null) {
            draw(out, registry, instance(injector, Backend.class), dir.resolve(FILE_NAME));
        }
        out.flush();
        return 0;
    }

    private static void draw(PrintWriter out, Activations registry, Backend backend, Path target) {
        List<ActivationCurve> curves = new ArrayList<>();
        try (backend) {
            for (Activation a : registry.all()) {
                curves.add(ActivationCurves.sample(a, backend));
            }
        }
        Path file;
        try {
            file = ActivationGridChart.write(curves, target);
        } catch (IOException e) {
            throw IoFailures.failure("write the activation pictures", target, e);
        }
        out.printf(
                "Drew %d activations and their derivatives on [%s, %s] to %s (%d x %d pixels; "
                        + "softmax and log_softmax on rows [x, 0], computed on backend %s).%n",
                curves.size(),
                fmt(ActivationCurves.FROM),
                fmt(ActivationCurves.TO),
                file,
                ActivationGridChart.columns(curves.size()) * ActivationGridChart.CELL_WIDTH,
                ActivationGridChart.rows(curves.size()) * ActivationGridChart.CELL_HEIGHT,
                backend.name());
    }

    private static void list(PrintWriter out, Activations registry) {
        List<Activation> all = registry.all();
        long builtIn = all.stream().filter(Activations::isBuiltIn).count();
        out.printf("%d activations: %d built in, %d from plugins%n", all.size(), builtIn, all.size() - builtIn);
        int width = "id".length();
        for (Activation a : all) {
            width = Math.max(width, a.id().length());
        }
        String row = "  %-" + width + "s  %-12s  %s%n";
        out.printf(row, "id", "kind", "from");
        for (Activation a : all) {
            ActivationDescription d = ActivationDescription.of(a);
            String from = Activations.isBuiltIn(a)
                    ? d.origin()
                    : d.origin() + " (" + a.getClass().getName() + ")";
            out.printf(row, d.id(), d.kind(), from);
        }
        out.println("Parameters are part of the id, e.g. leaky_relu(alpha=0.2). "
                + "Formulas: glia activations --describe ID");
    }

    private static void describe(PrintWriter out, ActivationDescription d) {
        out.printf("%s  (%s, %s)%n", d.id(), d.kind(), d.origin());
        if (!d.elementwise()) {
            out.println("  " + d.formula());
            out.println("  Not element-wise: each output depends on the whole row, so there is no single f'(x).");
            out.println("  Its backward pass is a Jacobian-vector product written with row reductions;");
            out.println("  --out draws its first output on rows [x, 0].");
            return;
        }
        out.println("  f(x)  = " + d.formula());
        out.println("  f'(x) = " + d.derivative());
        if (d.kernelDerivative() != null) {
            out.println("  The backward kernel uses the activation's own form of f'(x), in x and y = f(x):");
            out.println("          " + d.kernelDerivative());
        }
    }

    /** Gets an instance, rethrowing a provider's own exception (an unknown backend, a duplicate id) unwrapped. */
    private static <T> T instance(Injector injector, Class<T> type) {
        try {
            return injector.getInstance(type);
        } catch (ProvisionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
