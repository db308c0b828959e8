/**
 * Warm starts: loading the evaluations of earlier studies (from their stores or their tuned
 * properties files) as {@link org.hpo4j.warmstart.Prior}s valid in a new search space, and choosing
 * the configurations to evaluate first and the observations a model learns from.
 */
package org.hpo4j.warmstart;
