/** A pretend backend "alpha" with deliberate violations, used only by {@code ArchitectureRulesFailTest}. */
package dev.glia.backend.alpha;
