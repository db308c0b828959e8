/**
 * The hpo4j annotation processor ({@link org.hpo4j.processor.Hpo4jProcessor}).
 *
 * <p>It works in three separate steps, like AutoValue or MapStruct: {@code ClassReader} reads a
 * class's annotations and field initializers into an {@code AnnotatedClass}; {@code ClassValidator}
 * checks it, reporting every problem at the element and annotation it concerns (messages come from
 * the {@code Message} catalogue), and builds a {@code ClassModel}; {@code SearchSpaceWriter} and
 * {@code InjectorWriter} turn the model into JavaParser trees, and {@code GeneratedFiles}, the only
 * class that touches the {@code Filer}, prints and writes them and the objective index.
 */
package org.hpo4j.processor;
