package org.hpo4j.execute;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.space.Configuration;
import org.hpo4j.store.SqliteStore;
import org.hpo4j.store.StudyStore;
import org.hpo4j.study.StoppingRule;
import org.hpo4j.study.Study;
import org.hpo4j.study.StudyBuilder;

/**
 * Orchestration overhead of forked workers, and the speed-up of two workers over one. Not a unit
 * test: run it by hand (see the runtime module's report of figures in BENCHMARKS.md).
 *
 * <pre>
 * mvn -q -o -pl runtime -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp runtime/target/test-classes:runtime/target/classes:$(cat runtime/target/cp.txt) \
 *     org.hpo4j.execute.ExecutorBenchmark
 * </pre>
 */
public final class ExecutorBenchmark {
    private ExecutorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("hpo4j-bench");
        int warmup = 500;
        int measured = 3000;
        try (ForkedWorkerExecutor executor = ForkedWorkerExecutor.builder(BenchmarkObjectives.Trivial.class.getName())
                .workers(1).build()) {
            run(executor, warmup, work);
            long t0 = System.nanoTime();
            run(executor, measured, work);
            double perEval = (System.nanoTime() - t0) / 1e6 / measured;
            System.out.printf("overhead, trivial objective, 1 forked worker: %.3f ms per evaluation (%d evaluations after %d warm-up)%n",
                    perEval, measured, warmup);

            // the study loop without a store: optimizer, study, worker
            study("warm-up-no-store", null, executor, work).optimize(StoppingRule.maxEvaluations(warmup));
            long n0 = System.nanoTime();
            study("measured-no-store", null, executor, work).optimize(StoppingRule.maxEvaluations(measured));
            System.out.printf("overhead, trivial objective, Study + 1 forked worker, random search, no store:"
                    + " %.3f ms per evaluation%n", (System.nanoTime() - n0) / 1e6 / measured);

            // the whole loop: optimizer, study, SQLite store (two committed transactions per evaluation), worker
            try (StudyStore store = SqliteStore.open(work.resolve("bench.db"), false)) {
                study("warm-up", store, executor, work).optimize(StoppingRule.maxEvaluations(warmup));
                long s0 = System.nanoTime();
                study("measured", store, executor, work).optimize(StoppingRule.maxEvaluations(measured));
                double perStudyEval = (System.nanoTime() - s0) / 1e6 / measured;
                System.out.printf("overhead, trivial objective, Study + SQLite store + 1 forked worker, random search:"
                        + " %.3f ms per evaluation (%d evaluations after %d warm-up)%n", perStudyEval, measured, warmup);
            }
        }
        int sleeps = 60;
        double[] seconds = new double[3];
        for (int workers = 1; workers <= 2; workers++) {
            try (ForkedWorkerExecutor executor = ForkedWorkerExecutor.builder(BenchmarkObjectives.Sleep50.class.getName())
                    .workers(workers).build()) {
                run(executor, 2 * workers, work); // waits until every worker is up
                long t0 = System.nanoTime();
                run(executor, sleeps, work);
                seconds[workers] = (System.nanoTime() - t0) / 1e9;
                System.out.printf("50 ms objective, %d worker(s): %d evaluations in %.3f s (%.2f per second)%n",
                        workers, sleeps, seconds[workers], sleeps / seconds[workers]);
            }
        }
        System.out.printf("speed-up of 2 workers over 1: %.2fx%n", seconds[1] / seconds[2]);
    }

    private static Study study(String name, StudyStore store, Executor executor, Path work) {
        StudyBuilder b = Study.builder(BenchmarkObjectives.SPACE).name(name).workDirectory(work)
                .optimizer("random", new Fidelity(1, 2), 1).executor(executor);
        return (store == null ? b : b.store(store)).build();
    }

    /** Keeps every worker busy until {@code n} evaluations are done. */
    private static void run(Executor executor, int n, Path work) throws InterruptedException {
        int submitted = 0;
        int finished = 0;
        while (finished < n) {
            while (submitted < n && executor.outstanding() < executor.parallelism()) {
                Configuration c = BenchmarkObjectives.SPACE.configuration(Map.of("x", (submitted % 100) / 100.0));
                executor.submit(new Task(submitted, 1, c, 1, 0, submitted, work.resolve("job-" + submitted)));
                submitted++;
            }
            Completion done = executor.take();
            if (done.result().isFailure()) {
                throw new IllegalStateException("benchmark evaluation failed: " + done.result().failure());
            }
            finished++;
        }
    }
}
