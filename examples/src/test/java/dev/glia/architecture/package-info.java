/**
 * The architecture rules of DESIGN.md section 1 (ArchUnit), and the proof that each rule rejects a
 * deliberately broken fixture.
 */
package dev.glia.architecture;
