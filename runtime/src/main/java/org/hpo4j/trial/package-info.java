/**
 * What an objective sees of the trial it runs in ({@link org.hpo4j.trial.TrialContext}), and what
 * its result means: {@link org.hpo4j.trial.Criteria} (objectives with directions, constraints) and
 * {@link org.hpo4j.trial.Score} (the values of one evaluation).
 */
package org.hpo4j.trial;
