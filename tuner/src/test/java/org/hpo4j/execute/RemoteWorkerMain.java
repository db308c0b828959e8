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
 * With {@code hang} every evaluation sleeps for a minute, so a kill surely lands mid-evaluation.
 */
public final class RemoteWorkerMain {
    /** Long enough per evaluation that a kill lands mid-evaluation. */
    static final Objective OBJECTIVE = (c, ctx) -> {
        Thread.sleep(150 + (long) (ctx.budget() * 20));
        return StudyExecutionTest.QUADRATIC.evaluate(c, ctx);
    };

    static final Objective HANGING = (c, ctx) -> {
        Thread.sleep(60_000);
        return OBJECTIVE.evaluate(c, ctx);
    };

    private RemoteWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        try (PostgresStore store = PostgresStore.open(args[0]);
             InProcessExecutor executor = new InProcessExecutor(args.length > 4 ? HANGING : OBJECTIVE, 1)) {
            RemoteWorker.Summary s = new RemoteWorker(store, args[1], StudyExecutionTest.SPACE, executor,
                    Path.of(args[2]), Duration.ofMillis(Long.parseLong(args[3])), Duration.ofMillis(50), System.out).run();
            System.out.println("exit " + s.finished() + " " + s.failed() + " " + s.superseded());
        }
    }
}
