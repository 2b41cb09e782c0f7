package org.patientoutreach.e2e;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.patientoutreach.testing.BenchResults.Chart;
import org.patientoutreach.testing.BenchResults.Table;

/**
 * Draws one {@link Chart} of a results table as a PNG bar chart (JFreeChart, headless). Cells are the strings the
 * benchmark printed; the first number in a cell is its value ("1,234" is 1234, "17.8 (7,078/s)" is 17.8, "46 ms /
 * 80 ms" is 46). Rows whose cell holds no number are left out of the chart, not of the table.
 */
final class BenchCharts {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final int WIDTH = 900;

    private BenchCharts() {
    }

    /** Renders {@code chart} of {@code table} into {@code png}; false if the table had nothing to draw. */
    static boolean render(Table table, Chart chart, Path png) throws IOException {
        DefaultCategoryDataset data = dataset(table, chart);
        if (data.getRowCount() == 0) {
            return false;
        }
        boolean longLabels = data.getColumnKeys().stream().anyMatch(k -> k.toString().length() > 14);
        String valueLabel = chart.series() != null || chart.values().size() == 1 ? chart.values().get(0)
                : unit(chart.values());
        JFreeChart drawn = ChartFactory.createBarChart(chart.title(), chart.category(), valueLabel, data,
                longLabels ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL, data.getRowCount() > 1, false,
                false);
        drawn.setBackgroundPaint(Color.WHITE);
        drawn.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        CategoryPlot plot = drawn.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        if (chart.logScale()) {
            LogarithmicAxis axis = new LogarithmicAxis(valueLabel + " (log scale)");
            axis.setStrictValuesFlag(false); // a bar's base of 0 is drawn from the axis' lower edge instead
            plot.setRangeAxis(axis);
        }
        // Room for the value printed past the longest bar, and for long row names beside horizontal bars.
        plot.getRangeAxis().setUpperMargin(0.15);
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.5f);
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
        bars.setDefaultItemLabelsVisible(true); // the reader sees the figure, not only its bar
        bars.setItemMargin(0.05);
        int height = longLabels ? Math.max(320, 110 + 34 * data.getColumnCount() * data.getRowCount()) : 420;
        ChartUtils.saveChartAsPNG(png.toFile(), drawn, WIDTH, height);
        return true;
    }

    private static DefaultCategoryDataset dataset(Table table, Chart chart) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<String> columns = table.columns();
        int category = columns.indexOf(chart.category());
        int series = chart.series() == null ? -1 : columns.indexOf(chart.series());
        if (category < 0) {
            return data;
        }
        Pattern only = chart.only() == null ? null : Pattern.compile(chart.only());
        for (List<String> row : table.rows()) {
            String key = row.get(category);
            if (only != null && !only.matcher(key).find()) {
                continue;
            }
            List<String> valueColumns = series >= 0 ? chart.values().subList(0, 1) : chart.values();
            for (String valueColumn : valueColumns) {
                int index = columns.indexOf(valueColumn);
                Double value = index < 0 || index >= row.size() ? null : number(row.get(index));
                if (value == null || (chart.logScale() && value <= 0)) {
                    continue;
                }
                data.addValue(value, series >= 0 ? row.get(series) : valueColumn, key);
            }
        }
        return data;
    }

    /** The axis label for several columns: their shared unit ("... s" columns are seconds), else "value". */
    private static String unit(List<String> columns) {
        if (columns.stream().allMatch(c -> c.endsWith(" s") || c.contains(" s ("))) {
            return "seconds";
        }
        return columns.stream().allMatch(c -> c.endsWith(" ms")) ? "ms" : "value";
    }

    /** The first number in a printed cell, thousands separators ignored; null if there is none. */
    static Double number(String cell) {
        Matcher m = NUMBER.matcher(cell.replace(",", ""));
        return m.find() ? Double.valueOf(m.group()) : null;
    }
}
