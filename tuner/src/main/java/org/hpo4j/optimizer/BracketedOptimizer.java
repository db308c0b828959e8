package org.hpo4j.optimizer;

/**
 * An optimizer that is a {@link BracketRunner} over a Hyperband schedule: successive halving,
 * Hyperband and BOHB differ only in which brackets run and where configurations come from, which
 * their constructors give the runner; asking, telling and finishing are the runner's.
 */
abstract class BracketedOptimizer implements Optimizer {
    private final BracketRunner runner;

    BracketedOptimizer(BracketRunner runner) {
        this.runner = runner;
    }

    @Override
    public final Ask ask() {
        return runner.ask();
    }

    @Override
    public final void tell(Job job, Result result) {
        runner.tell(job, result);
    }

    @Override
    public final boolean isFinished() {
        return runner.isFinished();
    }

    /** The bracket schedule. */
    public final HyperbandSchedule schedule() {
        return runner.schedule();
    }
}
