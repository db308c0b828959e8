/**
 * Optimizers for several objectives and constraints: NSGA-II at the full budget
 * ({@link org.hpo4j.optimizer.multi.Nsga2}), asynchronous successive halving that promotes by
 * non-dominated rank and crowding ({@link org.hpo4j.optimizer.multi.MultiObjectiveAsha}, MO-ASHA),
 * and the same schedule with proposals from Gaussian processes ({@link org.hpo4j.optimizer.multi.ParEgo}):
 * by expected hypervolume improvement ({@code mo-gp}, the default for several objectives) or by
 * ParEGO's random scalarisations ({@code parego}). Ranking uses {@link org.hpo4j.optimizer.Pareto}.
 */
package org.hpo4j.optimizer.multi;
