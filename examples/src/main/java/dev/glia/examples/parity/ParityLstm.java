package dev.glia.examples.parity;

import dev.glia.api.Backend;
import dev.glia.core.TrainingListener;
import java.util.List;

/**
 * The recurrent half of the parity lesson: an LSTM reads one bit per step and predicts the running parity at
 * every step. It needs core's recurrent layers (issue 14, items 1 and 2); until they are in the build,
 * {@link #run} says so in {@link Result#unavailable()}.
 */
final class ParityLstm {
    /** Hidden units of the LSTM. */
    static final int UNITS = 16;

    private ParityLstm() {}

    /**
     * What the LSTM reached, or why it did not run ({@code unavailable} not null, the other values empty).
     */
    record Result(
            String unavailable, int units, int epochs, double seconds, double finalLoss, List<StepAccuracy> heldOut) {
        static Result notAvailable(String why) {
            return new Result(why, 0, 0, 0, Double.NaN, List.of());
        }
    }

    static Result run(
            Backend backend,
            ParityData train,
            ParityCommand.Settings settings,
            int[] lengths,
            int heldOutStreams,
            List<TrainingListener> listeners) {
        return Result.notAvailable("this build has no LSTM layer yet (issue 14: recurrent layers in core)");
    }
}
