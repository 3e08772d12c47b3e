package dev.godotload.bench.capacity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The figures of one row of a Gatling HTML report, read from its {@code req_<row>-<hash>.html}
 * page (Gatling 3.15 writes no JSON). A page whose tables no longer look as expected is an error
 * naming the page, never a zero.
 */
record GatlingReport(long total, long ok, long ko, double meanPerSecond, double p50, double p99, double max) {
    private static final Pattern CELL = Pattern.compile(
            "<td class=\"title\">([^<]+)(?:</abbr>)?</td>\\s*<td class=\"total\">([^<]+)</td>\\s*<td class=\"ok\">([^<]+)</td>"
                    + "\\s*<td class=\"ko\">([^<]+)</td>");

    double koPercent() {
        return total == 0 ? 0 : 100.0 * ko / total;
    }

    /** The row {@code row} of the report in {@code reportDir}, or null if the run never recorded it. */
    static GatlingReport read(Path reportDir, String row) throws IOException {
        String prefix = "req_" + row.replaceAll("[^A-Za-z0-9]", "-") + "-";
        Path page;
        try (Stream<Path> files = Files.list(reportDir)) {
            page = files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().orElse(null);
        }
        if (page == null) {
            return null;
        }
        Map<String, String[]> cells = new LinkedHashMap<>();
        Matcher m = CELL.matcher(Files.readString(page));
        while (m.find()) {
            cells.putIfAbsent(m.group(1).trim(), new String[] {m.group(2), m.group(3), m.group(4)});
        }
        return new GatlingReport(count(cells, page, "Total count", 0), count(cells, page, "Total count", 1),
                count(cells, page, "Total count", 2), number(cells, page, "Mean count/s", 0),
                number(cells, page, "50th percentile", 1), number(cells, page, "99th percentile", 1),
                number(cells, page, "Max", 1));
    }

    private static long count(Map<String, String[]> cells, Path page, String title, int column) {
        String v = cell(cells, page, title, column);
        return v.equals("-") ? 0 : Long.parseLong(v.replace(",", "").replace(" ", ""));
    }

    private static double number(Map<String, String[]> cells, Path page, String title, int column) {
        String v = cell(cells, page, title, column);
        return v.equals("-") ? Double.NaN : Double.parseDouble(v.replace(",", "").replace(" ", ""));
    }

    private static String cell(Map<String, String[]> cells, Path page, String title, int column) {
        String[] row = cells.get(title);
        if (row == null) {
            throw new IllegalStateException("no '" + title + "' row in " + page + ": has Gatling's report format changed?");
        }
        return row[column].trim();
    }
}
