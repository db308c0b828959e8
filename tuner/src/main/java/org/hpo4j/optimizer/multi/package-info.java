/**
 * Optimizers for several objectives and constraints: NSGA-II at the full budget
 * ({@link org.hpo4j.optimizer.multi.Nsga2}), asynchronous successive halving that promotes by
 * non-dominated rank and crowding ({@link org.hpo4j.optimizer.multi.MultiObjectiveAsha}, MO-ASHA),
 * and the same schedule with ParEGO proposals from a Gaussian process on random scalarisations
 * ({@link org.hpo4j.optimizer.multi.ParEgo}), the default for several objectives. Ranking uses
 * {@link org.hpo4j.optimizer.Pareto}.
 */
package org.hpo4j.optimizer.multi;
