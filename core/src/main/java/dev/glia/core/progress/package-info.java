/**
 * Progress reporting for {@link dev.glia.core.Network#fit}: {@link dev.glia.core.progress.ProgressBar}, a
 * {@link dev.glia.core.TrainingListener} that draws a bar in a terminal or writes one plain line per epoch
 * elsewhere. It writes to the {@link java.io.PrintWriter} it is given, never to the console by itself.
 */
package dev.glia.core.progress;
