package dev.streamrank.training;

import dev.streamrank.training.model.EpochReport;
import dev.streamrank.training.model.TrainingListener;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows training progress on stderr: one bar over all batches, with epoch, loss, throughput and validation. */
final class ProgressListener implements TrainingListener, AutoCloseable {

    private ProgressBar bar;
    private String lastValidation = "";

    @Override
    public void onStart(int epochs, int batchesPerEpoch) {
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax((long) epochs * batchesPerEpoch)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new InteractiveConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(500).build();
    }

    @Override
    public void onBatch(int epoch, double loss) {
        bar.step();
        bar.setExtraMessage(String.format(" epoch %d loss %.4f%s", epoch, loss, lastValidation));
    }

    @Override
    public void onEpoch(EpochReport report) {
        if (report.validated()) {
            lastValidation = String.format(" val NDCG@10 %.4f HR@10 %.4f", report.validationNdcg10(),
                    report.validationHr10());
        }
        bar.setExtraMessage(String.format(" epoch %d loss %.4f %.0f seq/s%s", report.epoch(), report.loss(),
                report.sequencesPerSecond(), lastValidation));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
