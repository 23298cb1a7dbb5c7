package dev.glia.api.spi;

/**
 * The result of probing a backend: available (with a description of the device it would use) or
 * unavailable (with the reason and what to install).
 *
 * @param available whether the backend can be created
 * @param detail    the device it would use, or why it cannot run
 * @param autoEligible whether {@code auto} selection may pick it (an OpenCL CPU device is only used by name)
 */
public record Availability(boolean available, String detail, boolean autoEligible) {
    /** Available, and eligible for {@code auto}. */
    public static Availability available(String detail) {
        return new Availability(true, detail, true);
    }

    /** Available, but only when asked for by name. */
    public static Availability availableByNameOnly(String detail) {
        return new Availability(true, detail, false);
    }

    /** Not available, with the reason and a hint. */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason, false);
    }
}
