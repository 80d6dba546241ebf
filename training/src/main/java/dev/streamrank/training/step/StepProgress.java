package dev.streamrank.training.step;

import dev.streamrank.training.eval.CatalogScorer;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows the progress of the steps other than training on stderr, with one line per finished piece
 * of work. Each evaluation pass over the users gets a bar on a terminal, and a start and an end
 * line elsewhere (CI logs, redirected stderr). {@link #NONE} shows nothing.
 */
public final class StepProgress {

    /** Shows nothing; for library callers and tests that do not watch progress. */
    public static final StepProgress NONE = new StepProgress(null, false);

    private final PrintStream err;
    private final boolean interactive;

    /**
     * @param err         where progress goes, or null for none
     * @param interactive whether {@code err} is a terminal, where a bar can be redrawn in place
     */
    public StepProgress(PrintStream err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    /** Prints one line, such as {@code "export: fp32 512000 bytes"}, prefixed with the step name. */
    public void note(String step, String message) {
        if (err != null) {
            err.println(step + ": " + message);
        }
    }

    /**
     * Starts a pass over {@code users} users; close it when the pass ends.
     *
     * @param task what the pass computes, such as {@code "onnx fp32, full ranking"}
     */
    public Pass start(String step, String task, int users) {
        return new Pass(step, task, users);
    }

    /** One pass over the users; {@link #counting} wraps the scorer so the pass counts each batch. */
    public final class Pass implements AutoCloseable {

        private final String step;
        private final String task;
        private final long startNanos = System.nanoTime();
        private final ProgressBar bar;

        private Pass(String step, String task, int users) {
            this.step = step;
            this.task = task;
            if (err != null && interactive) {
                bar = new ProgressBarBuilder().setTaskName(step + " " + task).setInitialMax(users)
                        .setStyle(ProgressBarStyle.ASCII).setConsumer(new InteractiveConsoleProgressBarConsumer(err))
                        .setUpdateIntervalMillis(500).setUnit(" users", 1).build();
            } else {
                bar = null;
                note(step, String.format(Locale.ROOT, "%s: %d users", task, users));
            }
        }

        /** Returns a scorer that counts the histories it scores as progress of this pass. */
        public CatalogScorer counting(CatalogScorer scorer) {
            return (List<int[]> histories) -> {
                float[][] scores = scorer.scoreCatalog(histories);
                if (bar != null) {
                    bar.stepBy(histories.size());
                }
                return scores;
            };
        }

        /** Ends the pass with its result, such as {@code "NDCG@10 0.0252"}. */
        public void done(String result) {
            if (bar != null) {
                bar.close();
            }
            note(step, String.format(Locale.ROOT, "%s: %s in %.1f s", task, result,
                    (System.nanoTime() - startNanos) / 1e9));
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
