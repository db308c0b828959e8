/** Grid search over a search space, log-aware and respecting conditions. */
package org.hpo4j.optimizer.grid;
