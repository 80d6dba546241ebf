package dev.streamrank.training;

import dev.streamrank.training.model.EpochReport;
import dev.streamrank.training.model.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress on stderr. On a terminal: one bar over all batches, with epoch, loss,
 * throughput and the last validation. Elsewhere (CI logs, redirected stderr), where a bar redrawn
 * with carriage returns would hide the validation numbers: one plain line per validated epoch.
 */
public final class ProgressListener implements TrainingListener, AutoCloseable {

    private final PrintStream err;
    private final boolean interactive;
    private ProgressBar bar;
    private String lastValidation = "";

    public ProgressListener() {
        this(System.err, System.console() != null);
    }

    ProgressListener(PrintStream err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    @Override
    public void onStart(int epochs, int batchesPerEpoch) {
        if (!interactive) {
            err.printf(Locale.ROOT, "train: %d epochs of %d batches; a line per validation%n", epochs,
                    batchesPerEpoch);
            return;
        }
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax((long) epochs * batchesPerEpoch)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new InteractiveConsoleProgressBarConsumer(err))
                .setUpdateIntervalMillis(500).build();
    }

    @Override
    public void onBatch(int epoch, double loss) {
        if (bar == null) {
            return;
        }
        bar.step();
        bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d loss %.4f%s", epoch, loss, lastValidation));
    }

    @Override
    public void onEpoch(EpochReport report) {
        if (report.validated()) {
            lastValidation = String.format(Locale.ROOT, " val NDCG@10 %.4f HR@10 %.4f", report.validationNdcg10(),
                    report.validationHr10());
        }
        String line = String.format(Locale.ROOT, "epoch %d loss %.4f %.2f s %.0f seq/s%s", report.epoch(),
                report.loss(), report.seconds(), report.sequencesPerSecond(),
                report.validated() ? lastValidation : "");
        if (bar != null) {
            bar.setExtraMessage(" " + line);
        } else if (report.validated()) {
            err.println("train: " + line);
        }
    }

    @Override
    public void onDiverged(int epoch, double loss, int keptEpoch) {
        err.printf(Locale.ROOT, "train: loss became %s at epoch %d; stopping with the weights of epoch %d%n", loss,
                epoch, keptEpoch);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
