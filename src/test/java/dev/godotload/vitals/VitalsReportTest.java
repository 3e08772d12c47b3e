package dev.godotload.vitals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.godotload.engine.web.HeadlessPage;
import dev.godotload.gatling.LiveLatencies;

/** vitals.json and vitals.html: self-contained, and the page draws in a real browser without a script error. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VitalsReportTest {
    private static final long T0 = 1_765_000_000_000L;
    /** Users, messages, the latency row, server lag, memory, outbound, traffic, injector heap, injector CPU. */
    private static final int CHARTS = 9;

    /** A minute of a run whose server reports the reference server's fields, but the last 10 s without a server. */
    static VitalsSeries minute() {
        List<Sample> samples = new ArrayList<>();
        LiveLatencies latencies = new LiveLatencies();
        for (int i = 0; i < 60; i++) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("peers", (long) Math.min(i, 40) + 1);
            s.put("packets_in", 100L * i * i);
            s.put("packets_out", 4000L * i * i);
            s.put("uptime_msec", 1000L * i);
            s.put("memory_static", 50_000_000L + 1_000_000L * i);
            s.put("loop_lag_msec", i == 30 ? 120.0 : 0.4);
            s.put("queued_out_bytes", i == 30 ? 40_000L : 0L);
            s.put("dropped_out", 0L);
            samples.add(new Sample(T0 + 1000L * i, Math.min(i, 40), i < 50 ? s : null,
                    new InjectorReading(80_000_000L + 500_000L * i, 0, 512_000_000L, 300_000_000L * i, 2L * i, 2)));
            latencies.add("chat round trip", T0 + 1000L * i + 300, i == 30 ? 140 : 4 + i % 3, true);
        }
        return VitalsSeries.of(T0, samples, latencies);
    }

    @Test
    void thePageCarriesItsDataAndScriptInlineAndFetchesNothing(@TempDir Path dir) throws Exception {
        Path page = VitalsReport.write(dir, minute(), "a target </script><script>alert(1)</script>", null,
                Duration.ofSeconds(1));

        assertThat(page).isEqualTo(dir.resolve("vitals.html"));
        String html = Files.readString(page);
        assertThat(html).doesNotContain("__VITALS_DATA__").doesNotContain("<script src").doesNotContain("<link")
                .doesNotContain("http://").doesNotContain("https://").doesNotContain("import(");
        assertThat(html.split("</script>", -1)).as("the target's name cannot end a script block").hasSize(4);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("vitals.json").toFile());
        assertThat(json.get("seconds")).hasSize(60);
        assertThat(json.get("server").get("loop_lag_msec").get(55).isNull()).isTrue();
        assertThat(json.get("latencies").get("chat round trip").get("p99")).hasSize(60);
    }

    @Test
    void thePageDrawsInHeadlessChromiumWithoutAScriptError(@TempDir Path dir) throws Exception {
        assumeTrue(HeadlessPage.browser() != null, "skipped, Chromium is not installed");
        Path page = VitalsReport.write(dir, minute(), "the embedded reference server", "a note", Duration.ofSeconds(1));

        HeadlessPage.Rendered r = HeadlessPage.render(page, Duration.ofSeconds(40));

        assertThat(r.console()).as("the page's console").isEmpty();
        assertThat(r.dom()).doesNotContain("data-errors=\"").contains("data-charts=\"" + CHARTS + "\"")
                .contains("not reported").contains("a note");
    }

    @Test
    void aBrokenScriptFailsTheBrowserCheck(@TempDir Path dir) throws Exception {
        assumeTrue(HeadlessPage.browser() != null, "skipped, Chromium is not installed");
        Path page = dir.resolve("broken.html");
        Files.writeString(page, VitalsReport.page(VitalsReport.json(minute(), "t", null, Duration.ofSeconds(1)))
                .replace("var charts = [", "var charts = [ notDefined(),"));

        HeadlessPage.Rendered r = HeadlessPage.render(page, Duration.ofSeconds(40));

        assertThat(r.console()).anyMatch(l -> l.contains("notDefined"));
        assertThat(r.dom()).contains("data-errors=\"").doesNotContain("data-charts=\"");
    }
}
