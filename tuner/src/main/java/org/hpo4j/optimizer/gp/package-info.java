/** Bayesian optimization with a Gaussian process (Matern 5/2, fitted length-scales, expected improvement). */
package org.hpo4j.optimizer.gp;
