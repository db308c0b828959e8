/** First-improvement local search with random restarts. */
package org.hpo4j.optimizer.local;
