package org.patientoutreach.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one results format of every benchmark (issue #9's `./outreach bench`): a table exactly as the benchmark printed
 * it, written as {@code <benchmark>--<table>.json} (read by platform-tests' BenchReport) and {@code .csv} (for a
 * spreadsheet) into the directory {@code -Dbench.out} names. Without that property nothing is written, so a benchmark
 * run by hand prints as before. Cells stay the printed strings: the files then say what the console said, and the
 * report parses numbers only where it draws them.
 */
public final class BenchResults {

    /** The directory results go to, if any. */
    public static final String OUT_PROPERTY = "bench.out";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * A chart the report draws from this table: bars over the {@code category} column's values (the x axis), one
     * series per {@code values} column, or per {@code series} column value when that is set (then with the first
     * value column). {@code logScale} for figures orders of magnitude apart, such as a latency next to its Kafka
     * baseline. {@code only}, if set, is a regular expression the category cell must contain for its row to be drawn
     * (a table that mixes milliseconds and ratios charts the milliseconds).
     */
    public record Chart(String title, String category, String series, List<String> values, boolean logScale,
            String only) {

        public Chart only(String regex) {
            return new Chart(title, category, series, values, logScale, regex);
        }
    }

    /** A chart of {@code values} columns over the {@code category} column (see {@link Chart}). */
    public static Chart chart(String title, String category, String series, boolean logScale, String... values) {
        return new Chart(title, category, series, List.of(values), logScale, null);
    }

    /**
     * One printed table. {@code baseline} says which row or column is the same-run baseline and where its ratio is,
     * for the reader of BENCHMARKS.md; {@code params} are the sizes and rates the run used; {@code measuredAt} is an
     * ISO instant (a string: the test-support module carries no Jackson time module).
     */
    public record Table(String benchmark, String id, String title, String params, String baseline,
            List<String> columns, List<List<String>> rows, List<Chart> charts, String measuredAt) {

        public Table withCharts(Chart... more) {
            List<Chart> all = new ArrayList<>(charts);
            all.addAll(List.of(more));
            return new Table(benchmark, id, title, params, baseline, columns, rows, all, measuredAt);
        }
    }

    private BenchResults() {
    }

    /** A table from the markdown a benchmark printed: the header line and its rows ({@code | a | b |}). */
    public static Table fromMarkdown(String benchmark, String id, String title, String params, String baseline,
            String header, List<String> rows) {
        return new Table(benchmark, id, title, params, baseline, cells(header),
                rows.stream().map(BenchResults::cells).toList(), List.of(), Instant.now().toString());
    }

    /** A table from values already split into cells. */
    public static Table of(String benchmark, String id, String title, String params, String baseline,
            List<String> columns, List<List<String>> rows) {
        return new Table(benchmark, id, title, params, baseline, columns, rows, List.of(), Instant.now().toString());
    }

    /** Writes the table when {@code -Dbench.out} is set; a failure to write is reported, never thrown. */
    public static void write(Table table) {
        String dir = System.getProperty(OUT_PROPERTY);
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            Path out = Files.createDirectories(Path.of(dir));
            String name = table.benchmark() + "--" + table.id();
            JSON.writeValue(out.resolve(name + ".json").toFile(), table);
            List<String> csv = new ArrayList<>();
            csv.add(csvLine(table.columns()));
            table.rows().forEach(r -> csv.add(csvLine(r)));
            Files.write(out.resolve(name + ".csv"), csv);
            System.out.println("bench results written: " + out.resolve(name + ".json"));
        } catch (IOException e) {
            // The numbers are on the console already; losing the file must not fail a run that took an hour.
            System.out.println("bench results NOT written (" + e.getMessage() + ")");
        }
    }

    /** Reads a table {@link #write} wrote. */
    public static Table read(Path file) {
        try {
            return JSON.readValue(file.toFile(), Table.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> cells(String markdownRow) {
        String line = markdownRow.strip();
        if (line.startsWith("|")) {
            line = line.substring(1);
        }
        if (line.endsWith("|")) {
            line = line.substring(0, line.length() - 1);
        }
        return Arrays.stream(line.split("\\|", -1)).map(String::strip).collect(Collectors.toList());
    }

    private static String csvLine(List<String> cells) {
        return cells.stream().map(c -> c.contains(",") || c.contains("\"") ? "\"" + c.replace("\"", "\"\"") + "\"" : c)
                .collect(Collectors.joining(","));
    }
}
