package org.hpo4j.execute;

import java.nio.file.Path;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.SqliteStore;
import org.hpo4j.store.StudyStore;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.objective.Objective;
import org.hpo4j.study.StoppingRule;
import org.hpo4j.study.Study;
import org.hpo4j.study.StudyBuilder;
import org.hpo4j.study.StudyListener;
import org.hpo4j.trial.TrialContext;

/**
 * A study run in a process of its own so that a test can SIGKILL it:
 * {@code KillableStudyMain <store file> <work folder> <max evaluations>}. Prints {@code finished <job id>}
 * once each evaluation is stored.
 */
public final class KillableStudyMain {
    static final int PARALLELISM = 2;

    /** Sleeps a little so the study is mid-run for long enough to be killed. */
    static final Objective OBJECTIVE = new SlowQuadratic();

    /** The objective, for worker JVMs too. */
    public static final class SlowQuadratic implements WorkerObjective {
        @Override
        public SearchSpace space() {
            return StudyExecutionTest.SPACE;
        }

        @Override
        public double evaluate(Configuration c, TrialContext ctx) throws Exception {
            Thread.sleep(15 + c.getLong("n") * 3);
            return StudyExecutionTest.QUADRATIC.evaluate(c, ctx);
        }
    }

    private KillableStudyMain() {
    }

    /** The study, the same in the killed process and in the test that resumes it. */
    static StudyBuilder study(Path workDirectory) {
        return Study.builder(StudyExecutionTest.SPACE).name("killed").seed(3).workDirectory(workDirectory)
                .optimizer("hyperband", new Fidelity(1, 27), 5);
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int max = Integer.parseInt(args[2]);
        // forked workers, as hpo:tune runs them: killing this process must not leave them running
        try (StudyStore store = SqliteStore.open(file, false);
             Executor executor = ForkedWorkerExecutor.builder(SlowQuadratic.class.getName()).workers(PARALLELISM)
                     .expectedSpace(StudyExecutionTest.SPACE.describe()).build()) {
            study(Path.of(args[1])).store(store).executor(executor).listener(new StudyListener() {
                @Override
                public void evaluationFinished(Evaluation evaluation) {
                    System.out.println("finished " + evaluation.job().id());
                    System.out.flush();
                }
            }).build().optimize(StoppingRule.maxEvaluations(max));
        }
        System.out.println("done");
    }
}
