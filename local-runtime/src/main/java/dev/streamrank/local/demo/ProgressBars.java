package dev.streamrank.local.demo;

import dev.streamrank.events.replay.ReplayListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** Progress bars on standard error, where they do not mix with the results on standard output. */
final class ProgressBars {

    private ProgressBars() {
    }

    /** Opens a bar; {@code max} below 0 draws an indeterminate one. */
    static ProgressBar open(String task, long max, String unit) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(250)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .build();
    }

    /** Returns a replay listener that draws one bar per replay phase; thread-safe, as the listener contract requires. */
    static ReplayListener forReplay(long expectedEvents) {
        return new ReplayListener() {
            private volatile ProgressBar bar;

            @Override
            public void phaseStarted(String phase, long expectedTotal) {
                bar = open(phase, expectedTotal > 0 ? expectedTotal : expectedEvents, "records");
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
        };
    }
}
