package org.hpo4j.tune;

import java.nio.file.Path;
import java.time.Duration;
import org.hpo4j.annotations.Direction;
import org.hpo4j.space.Configuration;

/**
 * What a tuning run found and spent.
 *
 * @param className the tuned class
 * @param study the study's name
 * @param optimizer the optimizer's name
 * @param seed the study's seed
 * @param best the best configuration (at the largest budget evaluated), {@code null} when every
 *     evaluation failed
 * @param value the objective value of {@code best} as the objective returned it (not negated)
 * @param direction the objective's direction
 * @param budget the budget {@code best} was evaluated at
 * @param evaluations evaluations finished, failures included
 * @param failures evaluations that failed
 * @param cost the cost spent, in full evaluations (an evaluation at budget {@code b} costs
 *     {@code b / maxBudget})
 * @param elapsed wall time of the study
 * @param output the properties file written, {@code null} when none was; {@code <name>.new.properties}
 *     when the existing file held a better result (see {@code hpo.overwrite})
 * @param interrupted whether Ctrl-C or SIGTERM ended the study before its stopping rule; the same
 *     request resumes it
 */
public record TuneSummary(String className, String study, String optimizer, long seed, Configuration best, double value,
                          Direction direction, double budget, int evaluations, int failures, double cost,
                          Duration elapsed, Path output, boolean interrupted) {

    /**
     * Whether the existing properties file held a better result and was kept, the new one written
     * next to it as {@code <name>.new.properties}: the program keeps loading the kept file.
     */
    public boolean keptBetterFile() {
        return output != null && output.getFileName().toString().endsWith(ResultFiles.NEW_SUFFIX);
    }

    /** What an interrupted run tells its user: how far it got, where the best so far is, how to resume. */
    public String interruptedMessage() {
        return "hpo:tune was interrupted after " + evaluations + " evaluations; the best so far (budget "
                + number(budget) + ") is in " + output + ", marked as interrupted. Run the same command again to"
                + " resume the study.";
    }

    /** A budget as people write it: {@code 27}, not {@code 27.0}. */
    public static String number(double budget) {
        return Tuner.number(budget);
    }
}
