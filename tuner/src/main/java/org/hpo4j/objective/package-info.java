/**
 * What a study evaluates and what one evaluation leaves: the {@link org.hpo4j.objective.Objective},
 * the {@link org.hpo4j.objective.Evaluation} record, the trial context an objective receives in a
 * worker, and the checkpoint folders promotions continue from. Shared by execution and the study.
 */
package org.hpo4j.objective;
