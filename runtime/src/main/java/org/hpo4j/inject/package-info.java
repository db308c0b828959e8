/**
 * Between annotated classes and configurations: the generated {@link org.hpo4j.inject.Injector}s,
 * {@link org.hpo4j.inject.Hpo#load} (tuned values into an instance, checked against the space) and
 * the tuned properties file ({@link org.hpo4j.inject.TunedProperties}).
 */
package org.hpo4j.inject;
