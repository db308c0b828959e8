/**
 * Work on a study from other machines: a {@link org.hpo4j.distributed.RemoteWorker} claims the
 * pending jobs of a study in a shared store, runs them and stores their results.
 */
package org.hpo4j.distributed;
