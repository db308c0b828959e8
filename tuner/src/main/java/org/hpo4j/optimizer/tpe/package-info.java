/** The tree-structured Parzen estimator (Bergstra et al. 2011) at full budget. */
package org.hpo4j.optimizer.tpe;
