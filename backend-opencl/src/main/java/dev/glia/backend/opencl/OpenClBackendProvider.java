package dev.glia.backend.opencl;

import dev.glia.api.Backend;
import dev.glia.api.spi.Availability;
import dev.glia.api.spi.BackendOptions;
import dev.glia.api.spi.BackendProvider;
import dev.glia.backend.opencl.internal.DeviceInfo;
import dev.glia.backend.opencl.internal.DeviceSelector;
import dev.glia.backend.opencl.internal.GemmParameters;
import dev.glia.backend.opencl.internal.OpenClBackend;
import dev.glia.backend.opencl.internal.OpenClRuntime;
import dev.glia.backend.opencl.internal.OpenClUnavailableException;

/**
 * Provides the {@code opencl} backend: tensors in OpenCL device buffers, matrix products by a tiled,
 * register-blocked kernel, every element-wise expression (activations, their derivatives, bias adds,
 * optimiser steps, plugin activations) rendered into one fused OpenCL C kernel at run time. It needs
 * an OpenCL driver and the ICD loader ({@code libOpenCL.so}); JOCL brings the Java binding.
 *
 * <p>Rank 300: {@code auto} picks it over every CPU backend, but only on a GPU. A platform whose
 * device is a CPU (PoCL) is available by name only ({@code glia.backend=opencl}).
 *
 * <p>Options:
 * <ul>
 *   <li>{@code glia.opencl.device} — {@code any} (default: the first GPU, else the first device),
 *       {@code gpu}, {@code cpu}, or {@code PLATFORM:DEVICE} indices such as {@code 0:1}, as
 *       {@code glia backends} lists them;</li>
 *   <li>{@code glia.opencl.gemm} and {@code glia.opencl.gemm.edge} — gemm tuning parameters named as
 *       in CLBlast, e.g. {@code MWG=64,NWG=64,KWG=16,MDIMC=8,NDIMC=8,VWN=4}.</li>
 * </ul>
 */
public final class OpenClBackendProvider implements BackendProvider {
    /** The option that chooses the device. */
    public static final String DEVICE_OPTION = DeviceSelector.OPTION;
    /** The option that overrides the gemm kernel's tuning parameters. */
    public static final String GEMM_OPTION = GemmParameters.OPTION;
    /** The option that overrides the gemm edge kernel's tuning parameters. */
    public static final String GEMM_EDGE_OPTION = GemmParameters.EDGE_OPTION;

    /** Used by {@link java.util.ServiceLoader}. */
    public OpenClBackendProvider() {}

    @Override
    public String name() {
        return OpenClBackend.NAME;
    }

    /** 300: above the CPU backends, for a GPU device. */
    @Override
    public int rank() {
        return 300;
    }

    /**
     * Available with the device it would use; eligible for {@code auto} only when that device is a GPU.
     * Unavailable, with the reason and what to install, when JOCL, {@code libOpenCL.so}, a platform or
     * the configured device is missing. Never throws.
     */
    @Override
    public Availability probe(BackendOptions options) {
        try {
            DeviceInfo device = OpenClRuntime.select(options.get(DEVICE_OPTION, DeviceSelector.DEFAULT));
            String detail = device.describe();
            if (device.kind() == DeviceInfo.Kind.GPU) {
                return Availability.available(detail);
            }
            return Availability.availableByNameOnly(detail + "; not a GPU, so used only with glia.backend=opencl");
        } catch (OpenClUnavailableException e) {
            return Availability.unavailable(e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("probing OpenCL failed: " + e);
        }
    }

    /**
     * A backend on the configured device.
     *
     * @throws IllegalStateException when OpenCL or the device is unavailable (the probe's reason), or an option is invalid
     */
    @Override
    public Backend create(BackendOptions options) {
        DeviceInfo device = OpenClRuntime.select(options.get(DEVICE_OPTION, DeviceSelector.DEFAULT));
        return new OpenClBackend(device, options.get(GEMM_OPTION, null), options.get(GEMM_EDGE_OPTION, null));
    }
}
