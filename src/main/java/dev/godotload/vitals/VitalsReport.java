package dev.godotload.vitals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes a run's vitals next to its Gatling report: {@value #JSON} (the series, for a script or a
 * spreadsheet) and {@value #PAGE} (one self-contained page that draws them: the data and a small
 * drawing script inline, nothing fetched, so it opens offline and from an archived report).
 */
public final class VitalsReport {
    public static final String JSON = "vitals.json";
    public static final String PAGE = "vitals.html";
    static final String TEMPLATE = "vitals.html";
    /** The template's stand-in for the data; a JSON string, so the template alone is a valid page. */
    static final String DATA = "\"__VITALS_DATA__\"";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private VitalsReport() {
    }

    /**
     * The JSON document: {@code target}, {@code note} (why the server part is missing, or null),
     * {@code intervalMillis}, then the series' columns (see {@link VitalsSeries}).
     */
    public static String json(VitalsSeries series, String target, String note, Duration interval) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("target", target);
        doc.put("note", note);
        doc.put("intervalMillis", interval.toMillis());
        doc.put("startedMillis", series.startedMillis());
        doc.put("seconds", series.seconds());
        doc.put("users", series.users());
        doc.put("server", series.server());
        doc.put("injector", series.injector());
        doc.put("latencies", series.latencies());
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("vitals are not JSON: " + e.getMessage(), e);
        }
    }

    /** The page around {@code json}. */
    public static String page(String json) {
        // "<" only occurs inside JSON strings, where \u003c means the same: no "</script>" can end the block early
        return template().replace(DATA, json.replace("<", "\\u003c"));
    }

    /**
     * Writes both files into {@code folder} and returns the page.
     *
     * @throws UncheckedIOException with the file that could not be written
     */
    public static Path write(Path folder, VitalsSeries series, String target, String note, Duration interval) {
        String json = json(series, target, note, interval);
        Path page = folder.resolve(PAGE);
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(JSON), json, StandardCharsets.UTF_8);
            Files.writeString(page, page(json), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the vitals into " + folder + ": " + e.getMessage(), e);
        }
        return page;
    }

    private static String template() {
        try (InputStream in = VitalsReport.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("the vitals page template " + TEMPLATE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
