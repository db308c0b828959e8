package org.hpo4j.testkit;

import java.lang.reflect.Constructor;
import java.nio.file.Path;
import org.hpo4j.execute.Executor;
import org.hpo4j.study.StudyResult;
import org.hpo4j.testkit.ContractObjective.Behaviour;

/**
 * The exit case of {@link ExecutorContract} for an executor that does not survive
 * {@code System.exit}, run in a JVM of its own: it runs the contract's study whose middle job calls
 * {@code System.exit} on the executor of the given contract subclass and prints {@link #SURVIVED}
 * should the study end at all. The contract expects the JVM to end with the objective's status.
 */
final class ExitProbe {
    /** What the probe prints when the study ended although the objective called {@code System.exit}. */
    static final String SURVIVED = "the study ended after its objective called System.exit";

    private ExitProbe() {
    }

    /** {@code <contract subclass> <work folder>}. */
    public static void main(String[] args) throws Exception {
        Constructor<?> make = Class.forName(args[0]).getDeclaredConstructor();
        make.setAccessible(true);
        ExecutorContract contract = (ExecutorContract) make.newInstance();
        try (Executor executor = contract.executorForProbe()) {
            StudyResult result = ExecutorContract.run(executor, Behaviour.EXIT, null, Path.of(args[1]));
            System.out.println(SURVIVED + ": " + result.evaluations());
        }
    }
}
