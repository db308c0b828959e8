package org.hpo4j.execute;

import java.nio.file.Path;
import org.hpo4j.optimizer.OptimizerSettings;
import org.hpo4j.store.SqliteStore;
import org.hpo4j.store.StudyStore;
import org.hpo4j.study.Evaluation;
import org.hpo4j.study.Objective;
import org.hpo4j.study.StoppingRule;
import org.hpo4j.study.Study;
import org.hpo4j.study.StudyListener;

/**
 * A study run in a process of its own so that a test can SIGKILL it:
 * {@code KillableStudyMain <store file> <work folder> <max evaluations>}. Prints {@code finished <job id>}
 * once each evaluation is stored.
 */
public final class KillableStudyMain {
    static final int PARALLELISM = 2;

    /** Sleeps a little so the study is mid-run for long enough to be killed. */
    static final Objective OBJECTIVE = (c, ctx) -> {
        Thread.sleep(15 + c.getLong("n") * 3);
        return StudyExecutionTest.QUADRATIC.evaluate(c, ctx);
    };

    private KillableStudyMain() {
    }

    /** The study, the same in the killed process and in the test that resumes it. */
    static Study.Builder study(Path workDirectory) {
        return Study.builder(StudyExecutionTest.SPACE).name("killed").seed(3).workDirectory(workDirectory)
                .optimizer("hyperband", new OptimizerSettings(1, 27, 3, 5, 0));
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int max = Integer.parseInt(args[2]);
        try (StudyStore store = SqliteStore.open(file, false);
             InProcessExecutor executor = new InProcessExecutor(OBJECTIVE, PARALLELISM)) {
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
