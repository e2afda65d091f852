package dev.rarec.eval;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** The report's figures, drawn with XChart into PNG bytes (the caller writes them atomically). */
final class Plots {
    static {
        // Figures are drawn into images, never on a screen; servers have no display.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    private Plots() {}

    /**
     * Figure 4: N@10 of every method on all targets and on each popularity group, with the 95% CI as
     * error bars. Groups appear only when every result has them, so bars stay comparable.
     */
    static void groupBars(List<EvalResult> results, List<String> labels, String metric, OutputStream out) throws IOException {
        List<String> categories = new ArrayList<>(List.of("all targets"));
        List<String> groupNames = List.of(EvalResult.UNSEEN, EvalResult.SEEN);
        boolean withGroups = !results.isEmpty() && results.stream().allMatch(r -> r.groups().keySet().containsAll(groupNames));
        if (withGroups) {
            categories.add("unseen in training");
            categories.add("seen in training");
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(pretty(metric) + " by item group (95% CI)").xAxisTitle("targets").yAxisTitle(pretty(metric)).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setLabelsVisible(false);
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        chart.getStyler().setYAxisMin(0.0);
        double max = 0;
        for (int i = 0; i < results.size(); i++) {
            EvalResult r = results.get(i);
            List<Double> y = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            add(r.metrics().get(metric), y, err);
            if (withGroups) {
                add(r.groups().get(EvalResult.UNSEEN).metrics().get(metric), y, err);
                add(r.groups().get(EvalResult.SEEN).metrics().get(metric), y, err);
            }
            for (int j = 0; j < y.size(); j++) max = Math.max(max, y.get(j) + err.get(j));
            chart.addSeries(labels.get(i), categories, y, err);
        }
        if (results.isEmpty()) chart.addSeries("no results", categories, List.of(0.0), List.of(0.0));
        chart.getStyler().setYAxisMax(niceMax(max));
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * Figure 3: NDCG and Recall against the retrieval size, side by side; the recall panel also shows
     * the candidate set's recall, the ceiling the generator can reach.
     */
    static void sweepLines(SweepResult sweep, List<Integer> ks, OutputStream out) throws IOException {
        List<Integer> sizes = sweep.sizes();
        XYChart ndcg = xyChart("NDCG vs retrieval size", "retrieved candidates (k)", "NDCG");
        XYChart recall = xyChart("Recall vs retrieval size", "retrieved candidates (k)", "Recall");
        double maxN = 0;
        double maxR = 0;
        for (int k : ks) {
            maxN = Math.max(maxN, addLine(ndcg, "N@" + k, sizes, sweep.results(), "ndcg@" + k));
            maxR = Math.max(maxR, addLine(recall, "R@" + k, sizes, sweep.results(), "recall@" + k));
        }
        List<Double> ceiling = new ArrayList<>();
        for (EvalResult r : sweep.results()) {
            Estimate e = r.candidateRecall().get("recall@" + r.retrievalSize());
            ceiling.add(e == null ? 0 : e.mean());
            maxR = Math.max(maxR, e == null ? 0 : e.mean());
        }
        XYSeries c = recall.addSeries("candidates R@k", sizes, ceiling);
        c.setLineStyle(SeriesLines.DASH_DASH);
        c.setMarker(SeriesMarkers.NONE);
        c.setLineColor(Color.GRAY);
        ndcg.getStyler().setYAxisMax(niceMax(maxN));
        recall.getStyler().setYAxisMax(niceMax(maxR));
        BitmapEncoder.saveBitmap(List.of(ndcg, recall), 1, 2, out, BitmapEncoder.BitmapFormat.PNG);
    }

    /** NDCG@k and Recall@k against the cut-off k, one line per method. */
    static void cutoffLines(List<EvalResult> results, List<String> labels, OutputStream out) throws IOException {
        XYChart ndcg = xyChart("NDCG@k", "cut-off k", "NDCG");
        XYChart recall = xyChart("Recall@k", "cut-off k", "Recall");
        double maxN = 0;
        double maxR = 0;
        for (int i = 0; i < results.size(); i++) {
            EvalResult r = results.get(i);
            List<Double> n = new ArrayList<>();
            List<Double> rec = new ArrayList<>();
            for (int k : r.ks()) {
                n.add(r.mean("ndcg@" + k));
                rec.add(r.mean("recall@" + k));
            }
            maxN = Math.max(maxN, n.stream().mapToDouble(Double::doubleValue).max().orElse(0));
            maxR = Math.max(maxR, rec.stream().mapToDouble(Double::doubleValue).max().orElse(0));
            ndcg.addSeries(labels.get(i), r.ks(), n);
            recall.addSeries(labels.get(i), r.ks(), rec);
        }
        ndcg.getStyler().setYAxisMax(niceMax(maxN));
        recall.getStyler().setYAxisMax(niceMax(maxR));
        BitmapEncoder.saveBitmap(List.of(ndcg, recall), 1, 2, out, BitmapEncoder.BitmapFormat.PNG);
    }

    private static double addLine(XYChart chart, String name, List<Integer> sizes, List<EvalResult> results, String metric) {
        List<Double> y = new ArrayList<>();
        List<Double> err = new ArrayList<>();
        double max = 0;
        for (EvalResult r : results) {
            add(r.metrics().get(metric), y, err);
            max = Math.max(max, y.get(y.size() - 1) + err.get(err.size() - 1));
        }
        chart.addSeries(name, sizes, y, err);
        return max;
    }

    private static XYChart xyChart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH / 2 + 100).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    private static void style(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setYAxisDecimalPattern("0.000");
        styler.setAntiAlias(true);
    }

    private static void add(Estimate e, List<Double> y, List<Double> err) {
        y.add(e == null ? 0 : e.mean());
        err.add(e == null ? 0 : e.ci95());
    }

    /** A y-axis top a little above the data, so error bars are not cut; 1 when everything is 0. */
    static double niceMax(double max) {
        if (max <= 0) return 1;
        double padded = max * 1.1;
        double step = Math.pow(10, Math.floor(Math.log10(padded))) / 2;
        return Math.ceil(padded / step) * step;
    }

    private static String pretty(String metric) {
        return metric.replace("ndcg@", "NDCG@").replace("recall@", "Recall@");
    }
}
