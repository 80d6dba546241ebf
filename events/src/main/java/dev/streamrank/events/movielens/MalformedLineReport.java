package dev.streamrank.events.movielens;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the malformed lines of one conversion and applies the {@link MalformedLinePolicy}.
 *
 * <p>Every bad line is counted. The first {@link #MAX_SAMPLES} are kept and logged one by one; after
 * that, only the count grows, so a badly broken 32-million-line file does not flood the log or the
 * heap. Thread-safe.
 */
public final class MalformedLineReport {

    /** Bad lines kept (and logged individually) per report. */
    public static final int MAX_SAMPLES = 100;

    private static final Logger LOG = LoggerFactory.getLogger(MalformedLineReport.class);

    private final MalformedLinePolicy policy;
    private final AtomicLong count = new AtomicLong();
    private final List<MalformedLine> samples = new ArrayList<>();

    public MalformedLineReport(MalformedLinePolicy policy) {
        this.policy = policy;
    }

    public MalformedLinePolicy policy() {
        return policy;
    }

    /**
     * Records a bad line.
     *
     * @throws MalformedLineException when the policy is {@link MalformedLinePolicy#FAIL_FAST}
     */
    public void report(MalformedLine line) {
        long seen = count.incrementAndGet();
        synchronized (samples) {
            if (samples.size() < MAX_SAMPLES) {
                samples.add(line);
            }
        }
        if (policy == MalformedLinePolicy.FAIL_FAST) {
            throw new MalformedLineException(line);
        }

        if (seen <= MAX_SAMPLES) {
            LOG.warn("skipped malformed line file={} line={} reason={}", line.file(), line.line(), line.reason());
        } else if (seen == MAX_SAMPLES + 1) {
            LOG.warn("more than {} malformed lines; only counting from now on", MAX_SAMPLES);
        }
    }

    /** Number of bad lines seen so far, including those not kept as samples. */
    public long count() {
        return count.get();
    }

    /** Returns the first bad lines, at most {@link #MAX_SAMPLES}, in the order they were found. */
    public List<MalformedLine> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }
}
