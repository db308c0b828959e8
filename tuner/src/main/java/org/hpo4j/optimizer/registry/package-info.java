/**
 * Optimizers by name ({@code bohb}, {@code tpe}, ...): the one place that knows every optimizer
 * family, so that the families depend on the optimizer interface and not on each other.
 */
package org.hpo4j.optimizer.registry;
