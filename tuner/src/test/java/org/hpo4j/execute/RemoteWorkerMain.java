package org.hpo4j.execute;

import java.nio.file.Path;
import java.time.Duration;
import org.hpo4j.distributed.RemoteWorker;
import org.hpo4j.store.PostgresStore;
import org.hpo4j.objective.Objective;

/**
 * A remote worker in a process of its own, so that a test can start several and SIGKILL one:
 * {@code RemoteWorkerMain <jdbc url> <study> <work folder> <lease ms> [hang]}. Prints the worker's
 * lines ({@code [hpo] job <id> (attempt ...} when it starts a job) and {@code exit} when it leaves.
 * With {@code hang} every evaluation sleeps for a minute, so a kill surely lands mid-evaluation;
 * with {@code several} the objective is {@link #SEVERAL} (two objectives and a bound).
 */
public final class RemoteWorkerMain {
    /** Long enough per evaluation that a kill lands mid-evaluation. */
    static final Objective OBJECTIVE = (c, ctx) -> {
        Thread.sleep(150 + (long) (ctx.budget() * 20));
        return StudyExecutionTest.QUADRATIC.evaluate(c, ctx);
    };

    /**
     * Two objectives and a bound, slow like {@link #OBJECTIVE}: error {@code (x - 1)^2 + 10 / budget}
     * and size {@code n}, both minimized; latency {@code 2 n + x} at most {@link #LATENCY_BOUND}.
     */
    static final Objective SEVERAL = new Objective() {
        @Override
        public double evaluate(org.hpo4j.space.Configuration c, org.hpo4j.trial.TrialContext ctx) throws Exception {
            return result(c, ctx).value();
        }

        @Override
        public org.hpo4j.optimizer.Result result(org.hpo4j.space.Configuration c, org.hpo4j.trial.TrialContext ctx)
                throws Exception {
            Thread.sleep(150 + (long) (ctx.budget() * 20));
            return org.hpo4j.optimizer.Result.of(components(c, ctx.budget()), java.util.List.of(latency(c)));
        }
    };
    static final double LATENCY_BOUND = 14;

    /** {@link #SEVERAL}'s objectives at {@code budget}. */
    static java.util.List<Double> components(org.hpo4j.space.Configuration c, double budget) {
        return java.util.List.of(Math.pow(c.getDouble("x") - 1, 2) + 10 / budget, (double) c.getLong("n"));
    }

    /** {@link #SEVERAL}'s constrained component. */
    static double latency(org.hpo4j.space.Configuration c) {
        return 2 * c.getLong("n") + c.getDouble("x");
    }

    static final Objective HANGING = (c, ctx) -> {
        Thread.sleep(60_000);
        return OBJECTIVE.evaluate(c, ctx);
    };

    private RemoteWorkerMain() {
    }

    private static Objective objective(String mode) {
        return switch (mode) {
            case "hang" -> HANGING;
            case "several" -> SEVERAL;
            default -> OBJECTIVE;
        };
    }

    public static void main(String[] args) throws Exception {
        try (PostgresStore store = PostgresStore.open(args[0]);
             InProcessExecutor executor = new InProcessExecutor(objective(args.length > 4 ? args[4] : ""), 1)) {
            RemoteWorker.Summary s = new RemoteWorker(store, args[1], StudyExecutionTest.SPACE, executor,
                    Path.of(args[2]), Duration.ofMillis(Long.parseLong(args[3])), Duration.ofMillis(50), System.out).run();
            System.out.println("exit " + s.finished() + " " + s.failed() + " " + s.superseded());
        }
    }
}
