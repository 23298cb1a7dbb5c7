/** A pretend backend "beta", used only by {@code ArchitectureRulesFailTest}. */
package dev.glia.backend.beta;
