package dev.glia.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A result table written three ways: aligned text for the terminal, Markdown for the README and CSV for
 * scripts. Each column has a machine name (the CSV header, fixed by the harness's interface) and a title
 * and format for people. Cells are given as numbers or text; the CSV keeps numbers plain (no thousands
 * separators, a dot for decimals), the text and Markdown forms round them for reading.
 */
public final class Table {
    /** How a column's numbers are shown to people. */
    public enum Format {
        /** Text as is. */
        TEXT(-1, false),
        /** A whole number with thousands separators. */
        INTEGER(0, true),
        /** One decimal. */
        ONE_DECIMAL(1, false),
        /** Two decimals. */
        TWO_DECIMALS(2, false),
        /** Four decimals (a loss). */
        FOUR_DECIMALS(4, false),
        /** A share in [0, 1] shown as a percentage with two decimals. */
        PERCENT(2, false);

        private final int decimals;
        private final boolean grouping;

        Format(int decimals, boolean grouping) {
            this.decimals = decimals;
            this.grouping = grouping;
        }
    }

    /** One column: CSV name, title for people, format. */
    public record Column(String name, String title, Format format) {
        /** Checks the name. */
        public Column {
            Objects.requireNonNull(name);
            Objects.requireNonNull(title);
            Objects.requireNonNull(format);
        }
    }

    private final List<Column> columns;
    private final List<Object[]> rows = new ArrayList<>();

    /** A table with these columns. */
    public Table(List<Column> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("A table needs at least one column");
        }
        this.columns = List.copyOf(columns);
    }

    /** A column. */
    public static Column column(String name, String title, Format format) {
        return new Column(name, title, format);
    }

    /** Adds a row: one cell per column, each a {@link Number}, text, or null (empty). */
    public Table row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(
                    "A row of this table has " + columns.size() + " cells, got " + cells.length);
        }
        rows.add(cells.clone());
        return this;
    }

    /** The columns. */
    public List<Column> columns() {
        return columns;
    }

    /** Number of rows. */
    public int size() {
        return rows.size();
    }

    /** Cell {@code column} of row {@code row}, as given. */
    public Object cell(int row, int column) {
        return rows.get(row)[column];
    }

    /** The CSV header line: the column names joined by commas. */
    public String csvHeader() {
        return String.join(",", columns.stream().map(Column::name).toList());
    }

    /** CSV (RFC 4180 quoting), header first, lines ended by {@code \n}. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(csvHeader()).append('\n');
        for (Object[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                sb.append(csvField(machine(r[c])));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A GitHub-flavoured Markdown table; number columns are right-aligned. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("|");
        for (Column c : columns) {
            sb.append(' ').append(escapeMarkdown(c.title())).append(" |");
        }
        sb.append("\n|");
        for (Column c : columns) {
            sb.append(c.format() == Format.TEXT ? "---" : "---:").append('|');
        }
        sb.append('\n');
        for (Object[] r : rows) {
            sb.append('|');
            for (int c = 0; c < r.length; c++) {
                sb.append(' ')
                        .append(escapeMarkdown(human(r[c], columns.get(c).format())))
                        .append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Aligned plain text for a terminal: text left-aligned, numbers right-aligned. */
    public String toText() {
        int n = columns.size();
        int[] width = new int[n];
        List<String[]> cells = new ArrayList<>();
        String[] head = new String[n];
        for (int c = 0; c < n; c++) {
            head[c] = columns.get(c).title();
            width[c] = head[c].length();
        }
        for (Object[] r : rows) {
            String[] line = new String[n];
            for (int c = 0; c < n; c++) {
                line[c] = human(r[c], columns.get(c).format());
                width[c] = Math.max(width[c], line[c].length());
            }
            cells.add(line);
        }
        StringBuilder sb = new StringBuilder();
        appendText(sb, head, width);
        int total = 0;
        for (int w : width) {
            total += w;
        }
        sb.append("-".repeat(total + 2 * (n - 1))).append('\n');
        for (String[] line : cells) {
            appendText(sb, line, width);
        }
        return sb.toString();
    }

    private void appendText(StringBuilder sb, String[] line, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < line.length; c++) {
            if (c > 0) {
                l.append("  ");
            }
            boolean right = columns.get(c).format() != Format.TEXT;
            String pad = " ".repeat(width[c] - line[c].length());
            l.append(right ? pad + line[c] : line[c] + pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    /** Writes {@link #toCsv()} to {@code file}, atomically (temporary file, then rename). */
    public void writeCsv(Path file) {
        writeAtomically(file, toCsv());
    }

    /** Writes {@code text} to {@code file} through a temporary file and a rename, creating the folder. */
    public static void writeAtomically(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The machine form of a cell: numbers plain with a dot, up to 4 decimals, text as is. */
    static String machine(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Integer || cell instanceof Long) {
            return cell.toString();
        }
        if (cell instanceof Number num) {
            double d = num.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return "";
            }
            String s = String.format(Locale.ROOT, "%.4f", d);
            s = s.contains(".") ? s.replaceAll("0+$", "") : s;
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return cell.toString();
    }

    /** The human form of a cell under a column's format. */
    static String human(Object cell, Format format) {
        if (cell == null) {
            return "";
        }
        if (!(cell instanceof Number num) || format == Format.TEXT) {
            return cell.toString();
        }
        double d = num.doubleValue();
        if (Double.isNaN(d)) {
            return "n/a";
        }
        if (format == Format.PERCENT) {
            d *= 100;
        }
        String pattern = "%" + (format.grouping ? "," : "") + "." + format.decimals + "f";
        return String.format(Locale.ROOT, pattern, d) + (format == Format.PERCENT ? " %" : "");
    }

    static String csvField(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static String escapeMarkdown(String s) {
        return s.replace("|", "\\|");
    }
}
