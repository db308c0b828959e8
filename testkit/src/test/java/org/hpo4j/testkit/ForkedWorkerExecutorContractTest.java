package org.hpo4j.testkit;

import java.util.List;
import org.hpo4j.execute.Executor;
import org.hpo4j.execute.ForkedWorkerExecutor;
import org.hpo4j.execute.WorkerObjective;

/** The executor contract over a worker JVM with a small heap, replaced when the objective ends it. */
class ForkedWorkerExecutorContractTest extends ExecutorContract {
    @Override
    protected Executor newExecutor(WorkerObjective objective) {
        return ForkedWorkerExecutor.builder(objective.getClass().getName())
                .jvmArgs(List.of("-Xmx64m"))
                .expectedSpace(objective.space().describe())
                .workerOutput(line -> { })
                .build();
    }

    @Override
    protected boolean survivesSystemExit() {
        return true;
    }
}
