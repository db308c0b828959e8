/** CMA-ES in ask/tell form over the unit encoding of a search space. */
package org.hpo4j.optimizer.cmaes;
