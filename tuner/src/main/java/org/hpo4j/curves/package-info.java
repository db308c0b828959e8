/**
 * Learning-curve extrapolation (Domhan et al. 2015 style): parametric curve families fitted by
 * least squares to a partial curve, a weighted prediction of the final value, and a stopper that
 * ends evaluations unlikely to beat the incumbent.
 */
package org.hpo4j.curves;
