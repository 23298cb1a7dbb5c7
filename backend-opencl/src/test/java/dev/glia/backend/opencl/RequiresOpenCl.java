package dev.glia.backend.opencl;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that needs an OpenCL device. Where none is found the class is skipped with the
 * probe's reason (reported as skipped, with a notice on stderr), or fails when
 * {@code -Dglia.opencl.required=true}, as CI sets.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(RequiresOpenCl.Condition.class)
public @interface RequiresOpenCl {

    /** Enables the class when {@link OpenClTestSupport#availability()} says OpenCL is usable. */
    final class Condition implements ExecutionCondition {
        /** Used by JUnit. */
        public Condition() {}

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String reason = OpenClTestSupport.unavailableReason();
            if (reason == null) {
                return ConditionEvaluationResult.enabled("an OpenCL device is available");
            }
            if (Boolean.getBoolean(OpenClTestSupport.REQUIRED)) {
                throw new IllegalStateException(
                        OpenClTestSupport.REQUIRED + "=true but no OpenCL device is usable: " + reason);
            }
            String message = "OpenCL tests skipped: " + reason;
            System.err.println("NOTICE: " + context.getDisplayName() + ": " + message + " (-D"
                    + OpenClTestSupport.REQUIRED + "=true makes this a failure)");
            return ConditionEvaluationResult.disabled(message);
        }
    }
}
