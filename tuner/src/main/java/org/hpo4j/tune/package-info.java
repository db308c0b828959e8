/**
 * What {@code mvn hpo:tune} and {@code hpo:space} do, without Maven: {@link org.hpo4j.tune.Tuner}
 * finds the objective class through the processor's index ({@link org.hpo4j.tune.ObjectiveClasses}),
 * checks a {@link org.hpo4j.tune.TuneRequest}, runs the study and writes the tuned properties file.
 * Bad settings are {@link org.hpo4j.tune.TuneException}s that name the {@code hpo.*} property.
 */
package org.hpo4j.tune;
