/** Statistics and the tables and chart the harness writes (text, Markdown, CSV, PNG). */
package dev.glia.benchmarks.report;
