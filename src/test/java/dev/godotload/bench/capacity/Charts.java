package dev.godotload.bench.capacity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The benchmark pages' plots as PNG files: one line per series (the capacity page: a point per setting, its median). */
public final class Charts {
    private Charts() {
    }

    public record Series(String name, double[] x, double[] y) {
    }

    public static void line(Path png, String title, String xTitle, String yTitle, boolean logY, List<Series> series) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(450).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setYAxisLogarithmic(logY);
        if (!logY) {
            chart.getStyler().setYAxisMin(0.0); // a linear axis from zero: a small wobble must not look like a cliff
        }
        chart.getStyler().setXAxisDecimalPattern("#,###");
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        int plotted = 0;
        for (Series s : series) {
            if (s.x().length > 0) {
                XYSeries line = chart.addSeries(s.name(), s.x(), s.y());
                line.setMarker(SeriesMarkers.CIRCLE);
                plotted++;
            }
        }
        if (plotted > 0) {
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
