package org.hpo4j.benchmarks.simulation;

import java.util.List;

/**
 * What one simulated study measured.
 *
 * @param problem the benchmark problem's name
 * @param optimizer the optimizer's registry name
 * @param seed the run's seed (optimizer and evaluation noise)
 * @param workers the number of simulated workers
 * @param utilisation busy time / (workers x end time), where the end time is when the cost budget
 *     is spent and the study stops (jobs still running then count as busy until that moment)
 * @param utilisationWithDrain the same if the study let the jobs running at the end finish
 *     (starting no new ones) and stopped at the last completion
 * @param endTime virtual time at which the cost budget was spent; time is measured in full
 *     evaluations of a configuration with speed factor 1
 * @param jobs the number of jobs that finished before the end
 * @param costs the costs, in full evaluations, at which regret was taken, ascending
 * @param regrets the regret of the incumbent at each of {@code costs}, NaN if there was none yet
 */
public record SimulationRun(String problem, String optimizer, long seed, int workers, double utilisation,
                            double utilisationWithDrain, double endTime, int jobs, List<Double> costs,
                            List<Double> regrets) {

    public SimulationRun {
        costs = List.copyOf(costs);
        regrets = List.copyOf(regrets);
    }
}
