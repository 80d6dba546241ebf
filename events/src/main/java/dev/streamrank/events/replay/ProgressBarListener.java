package dev.streamrank.events.replay;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** Draws one progress bar per replay phase on a stream (standard error for the CLI). */
final class ProgressBarListener implements ReplayListener {

    private final PrintStream out;
    private volatile ProgressBar bar;

    ProgressBarListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void phaseStarted(String phase, long expectedTotal) {
        bar = new ProgressBarBuilder()
                .setTaskName(phase)
                .setInitialMax(expectedTotal)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .setUpdateIntervalMillis(500)
                .setUnit(" records", 1)
                .showSpeed()
                .build();
    }

    @Override
    public void progressed(long count) {
        ProgressBar current = bar;
        if (current != null) {
            current.stepBy(count);
        }
    }

    @Override
    public void phaseFinished(String phase) {
        ProgressBar current = bar;
        bar = null;
        if (current != null) {
            current.close();
        }
    }
}
