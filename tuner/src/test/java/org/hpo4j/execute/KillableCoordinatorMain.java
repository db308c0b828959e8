package org.hpo4j.execute;

import java.nio.file.Path;
import java.time.Duration;
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
 * {@code KillableCoordinatorMain <jdbc url> <work folder> <lease ms>}. Prints {@code told <job id>}
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

    public static void main(String[] args) {
        try (PostgresStore store = PostgresStore.open(args[0]);
             InProcessExecutor local = new InProcessExecutor(RemoteWorkerMain.OBJECTIVE, 1)) {
            study("restart", Path.of(args[1]), Long.parseLong(args[2])).store(store).executor(local)
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
