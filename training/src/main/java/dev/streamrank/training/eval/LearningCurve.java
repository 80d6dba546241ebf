package dev.streamrank.training.eval;

import dev.streamrank.training.model.EpochReport;
import java.io.IOException;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/** Draws training loss and validation NDCG@10 per epoch as a PNG. */
public final class LearningCurve {

    private LearningCurve() {
    }

    public static byte[] png(List<EpochReport> epochs, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch").build();
        double[] x = epochs.stream().mapToDouble(EpochReport::epoch).toArray();
        double[] loss = epochs.stream().mapToDouble(EpochReport::loss).toArray();
        chart.addSeries("training loss", x, loss).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);

        List<EpochReport> validated = epochs.stream().filter(EpochReport::validated).toList();
        if (!validated.isEmpty()) {
            XYSeries ndcg = chart.addSeries("validation NDCG@10 (full) x 10",
                    validated.stream().mapToDouble(EpochReport::epoch).toArray(),
                    validated.stream().mapToDouble(report -> report.validationNdcg10() * 10).toArray());
            ndcg.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
