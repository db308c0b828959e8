package org.hpo4j.execute;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hpo4j.annotations.Direction;
import org.hpo4j.trial.Constraint;
import org.hpo4j.trial.Criteria;
import org.hpo4j.trial.Goal;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.store.PostgresStore;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.study.StoppingRule;
import org.hpo4j.study.Study;
import org.hpo4j.study.StudyBuilder;
import org.hpo4j.study.StudyListener;

/**
 * A coordinator in a process of its own, so that a test can SIGKILL it and start another:
 * {@code KillableCoordinatorMain <jdbc url> <work folder> <lease ms> [several]}. Prints {@code told <job id>}
 * for each result it tells its optimizer.
 */
public final class KillableCoordinatorMain {
    private KillableCoordinatorMain() {
    }

    /** The study: one Hyperband iteration over budgets 1..9 (22 jobs), the same in every process. */
    static StudyBuilder study(String name, Path workDirectory, long leaseMillis) {
        return Study.builder(StudyExecutionTest.SPACE).name(name).seed(5).workDirectory(workDirectory)
                .optimizer("hyperband", new Fidelity(1, 9), 5, new HyperbandSettings(3, 1))
                .maxBudget(9).lease(Duration.ofMillis(leaseMillis));
    }

    /**
     * A study of two objectives and a bound ({@link RemoteWorkerMain#SEVERAL}): the default for
     * several objectives, parego, for one cycle through the brackets over budgets 1..9.
     */
    static StudyBuilder severalObjectives(String name, Path workDirectory, long leaseMillis) {
        return Study.builder(StudyExecutionTest.SPACE).name(name).seed(5).workDirectory(workDirectory)
                .criteria(new Criteria(List.of(new Goal("error", Direction.MINIMIZE), new Goal("size", Direction.MINIMIZE)),
                        List.of(new Constraint("latency", Constraint.Kind.AT_MOST, RemoteWorkerMain.LATENCY_BOUND))))
                .optimizer("parego", new Fidelity(1, 9), 5, new HyperbandSettings(3, 1))
                .maxBudget(9).lease(Duration.ofMillis(leaseMillis));
    }

    /** With a fourth argument {@code several}, runs {@link #severalObjectives} as study "several". */
    public static void main(String[] args) {
        boolean several = args.length > 3 && args[3].equals("several");
        try (PostgresStore store = PostgresStore.open(args[0]);
             InProcessExecutor local = new InProcessExecutor(several ? RemoteWorkerMain.SEVERAL : RemoteWorkerMain.OBJECTIVE, 1)) {
            StudyBuilder study = several ? severalObjectives("several", Path.of(args[1]), Long.parseLong(args[2]))
                    : study("restart", Path.of(args[1]), Long.parseLong(args[2]));
            study.store(store).executor(local)
                    .listener(new StudyListener() {
                        @Override
                        public void evaluationFinished(Evaluation evaluation) {
                            System.out.println("told " + evaluation.job().id());
                            System.out.flush();
                        }
                    }).build().optimize(StoppingRule.maxCost(1000));
        }
        System.out.println("done");
    }
}
