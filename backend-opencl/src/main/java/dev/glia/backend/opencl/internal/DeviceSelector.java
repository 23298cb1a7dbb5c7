package dev.glia.backend.opencl.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks a device by the {@code glia.opencl.device} setting: {@code any} (the default: the first GPU,
 * else the first accelerator, else the first device), {@code gpu}, {@code cpu}, or
 * {@code PLATFORM:DEVICE} indices as {@code glia backends} lists them.
 */
public final class DeviceSelector {
    /** The option's key. */
    public static final String OPTION = "glia.opencl.device";
    /** The default value. */
    public static final String DEFAULT = "any";

    private DeviceSelector() {}

    /**
     * The device {@code spec} names among {@code devices}.
     *
     * @throws IllegalArgumentException when the spec is malformed or names no device; the message lists the devices
     */
    public static DeviceInfo select(String spec, List<DeviceInfo> devices) {
        String s = spec == null ? DEFAULT : spec.trim().toLowerCase(Locale.ROOT);
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no OpenCL device on any platform");
        }
        return switch (s) {
            case "any", "" ->
                first(devices, DeviceInfo.Kind.GPU)
                        .or(() -> first(devices, DeviceInfo.Kind.ACCELERATOR))
                        .orElse(devices.get(0));
            case "gpu" ->
                first(devices, DeviceInfo.Kind.GPU)
                        .orElseThrow(() -> new IllegalArgumentException(
                                OPTION + "=gpu but no OpenCL GPU device was found; devices: " + list(devices)));
            case "cpu" ->
                first(devices, DeviceInfo.Kind.CPU)
                        .orElseThrow(() -> new IllegalArgumentException(
                                OPTION + "=cpu but no OpenCL CPU device was found; devices: " + list(devices)));
            default -> byIndex(spec, s, devices);
        };
    }

    private static DeviceInfo byIndex(String raw, String s, List<DeviceInfo> devices) {
        int colon = s.indexOf(':');
        int platform;
        int device;
        try {
            if (colon < 0) {
                throw new NumberFormatException();
            }
            platform = Integer.parseInt(s.substring(0, colon).trim());
            device = Integer.parseInt(s.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    OPTION + " must be gpu, cpu, any or PLATFORM:DEVICE (e.g. 0:1), got '" + raw + "'; devices: "
                            + list(devices),
                    e);
        }
        for (DeviceInfo d : devices) {
            if (d.platformIndex() == platform && d.deviceIndex() == device) {
                return d;
            }
        }
        throw new IllegalArgumentException(
                OPTION + "=" + platform + ":" + device + " names no device; devices: " + list(devices));
    }

    private static Optional<DeviceInfo> first(List<DeviceInfo> devices, DeviceInfo.Kind kind) {
        return devices.stream().filter(d -> d.kind() == kind).findFirst();
    }

    /** The devices as {@code 0:0 "name" (GPU), ...}. */
    static String list(List<DeviceInfo> devices) {
        StringBuilder sb = new StringBuilder();
        for (DeviceInfo d : devices) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(d.index())
                    .append(" \"")
                    .append(d.name())
                    .append("\" (")
                    .append(d.kind().label())
                    .append(')');
        }
        return sb.toString();
    }
}
