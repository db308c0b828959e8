/**
 * Who runs evaluations. An {@link org.hpo4j.execute.Executor} takes
 * {@link org.hpo4j.execute.Task}s, up to its parallelism at once, and hands back
 * {@link org.hpo4j.execute.Completion}s with a value or a failure's cause.
 * {@link org.hpo4j.execute.InProcessExecutor} uses threads of this JVM;
 * {@link org.hpo4j.execute.ForkedWorkerExecutor} uses long-lived worker JVMs
 * ({@link org.hpo4j.execute.WorkerMain}) that survive what user code does to a JVM: a worker that
 * hangs, exits or runs out of memory is replaced and its evaluation recorded as failed.
 */
package org.hpo4j.execute;
