package org.hpo4j.study;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.hpo4j.annotations.Direction;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.optimizer.Job;

/**
 * Shows a study's progress on the console: evaluations done (of the total, when known), running,
 * failed, the best value so far with its budget, time elapsed and an estimate of the time left.
 *
 * <p>On a terminal it keeps one line up to date (rewritten with {@code \r}); in batch mode or when
 * the output is not a terminal it prints a plain line now and then, so logs stay readable.
 */
public final class ConsoleProgress implements StudyListener {
    /** A live line is redrawn at most this often. */
    private static final long LIVE_REFRESH_NANOS = 100_000_000L;

    private final PrintStream out;
    private final Direction direction;
    private final int total;
    private final boolean live;
    private final long plainIntervalNanos;
    private final LongSupplier nanoTime;
    private final long start;
    private int done;
    private int doneThisRun;
    private int failed;
    private int running;
    private double bestBudget = Double.NEGATIVE_INFINITY;
    private double bestValue = Double.NaN;
    private long lastPrinted = Long.MIN_VALUE;
    private int lastLength;

    /**
     * A progress display.
     *
     * @param out where to print
     * @param direction whether lower or higher values are better
     * @param total how many evaluations the study will run, 0 when unknown (no estimate of time left)
     * @param live keep one line up to date (a terminal) rather than print plain lines
     * @param plainInterval at least this long between plain lines (the last line is always printed)
     * @param nanoTime the clock, {@link System#nanoTime} but in tests
     */
    public ConsoleProgress(PrintStream out, Direction direction, int total, boolean live, Duration plainInterval,
                           LongSupplier nanoTime) {
        this.out = Objects.requireNonNull(out, "out");
        this.direction = Objects.requireNonNull(direction, "direction");
        this.total = Math.max(0, total);
        this.live = live;
        this.plainIntervalNanos = plainInterval.toNanos();
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    /**
     * The display for {@code hpo:tune}: a live line on a terminal, a plain line every 10 s in batch
     * mode ({@code mvn -B}) or when the output is redirected.
     */
    public static ConsoleProgress forConsole(PrintStream out, Direction direction, int total, boolean batchMode) {
        boolean terminal = System.console() != null && !batchMode;
        return new ConsoleProgress(out, direction, total, terminal, Duration.ofSeconds(10), System::nanoTime);
    }

    @Override
    public synchronized void resumed(List<Evaluation> replayed) {
        for (Evaluation e : replayed) {
            count(e);
        }
        out.println("hpo: continuing the stored study: " + replayed.size() + " evaluations already done"
                + (replayed.isEmpty() ? "" : ", best " + best()));
    }

    @Override
    public synchronized void evaluationStarted(Job job) {
        running++;
        if (live) {
            show(false);
        }
    }

    @Override
    public synchronized void evaluationFinished(Evaluation evaluation) {
        running = Math.max(0, running - 1);
        count(evaluation);
        doneThisRun++;
        show(false);
    }

    @Override
    public synchronized void studyFinished(StudyResult result) {
        show(true);
        if (live) {
            out.println();
        }
    }

    private void count(Evaluation e) {
        done++;
        if (e.isFailure()) {
            failed++;
            return;
        }
        double budget = e.job().budget();
        // the incumbent rule: best value among the evaluations at the highest budget reached
        if (budget > bestBudget || (budget == bestBudget && better(e.value(), bestValue))) {
            bestBudget = budget;
            bestValue = e.value();
        }
    }

    private boolean better(double a, double b) {
        return Double.isNaN(b) || (direction == Direction.MAXIMIZE ? a > b : a < b);
    }

    private void show(boolean last) {
        long now = nanoTime.getAsLong();
        long interval = live ? LIVE_REFRESH_NANOS : plainIntervalNanos;
        if (!last && lastPrinted != Long.MIN_VALUE && now - lastPrinted < interval) {
            return;
        }
        lastPrinted = now;
        String text = line(now);
        if (live) {
            // pad with spaces to wipe the end of a longer previous line
            int pad = Math.max(0, lastLength - text.length());
            out.print("\r" + text + " ".repeat(pad));
            out.flush();
            lastLength = text.length();
        } else {
            out.println(text);
        }
    }

    /** The progress in one line, e.g. {@code hpo: 12/81 done, 2 running, 1 failed, best 0.0123 (budget 27), 1m05s elapsed, ~4m10s left}. */
    String line(long now) {
        long elapsed = now - start;
        StringBuilder b = new StringBuilder("hpo: ").append(done);
        if (total > 0) {
            b.append('/').append(total);
        }
        b.append(" done, ").append(running).append(" running, ").append(failed).append(" failed, best ").append(best())
                .append(", ").append(duration(elapsed)).append(" elapsed");
        if (total > 0 && doneThisRun > 0 && done < total) {
            long left = (long) ((double) elapsed / doneThisRun * (total - done));
            b.append(", ~").append(duration(left)).append(" left");
        }
        return b.toString();
    }

    private String best() {
        if (Double.isNaN(bestValue)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.6g", bestValue) + " (budget " + budget(bestBudget) + ")";
    }

    private static String budget(double b) {
        return b == Math.rint(b) && Math.abs(b) < 1e15 ? Long.toString((long) b) : Double.toString(b);
    }

    static String duration(long nanos) {
        long s = Math.round(nanos / 1e9);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s / 60) % 60, s % 60);
    }
}
