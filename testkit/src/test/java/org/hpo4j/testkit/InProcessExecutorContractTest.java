package org.hpo4j.testkit;

import org.hpo4j.execute.Executor;
import org.hpo4j.execute.InProcessExecutor;
import org.hpo4j.execute.WorkerObjective;

/**
 * The executor contract over threads of this JVM (which {@code Study.optimize(objective, rule)}
 * uses too). The objective's heap is this JVM's (surefire's argLine keeps it small); its
 * {@code System.exit} ends this JVM, which the contract shows in a JVM of its own.
 */
class InProcessExecutorContractTest extends ExecutorContract {
    @Override
    protected Executor newExecutor(WorkerObjective objective) {
        return new InProcessExecutor(objective, 1);
    }

    @Override
    protected boolean survivesSystemExit() {
        return false;
    }
}
