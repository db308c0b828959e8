package org.hpo4j.tune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.hpo4j.inject.Injector;
import org.hpo4j.inject.StudyNames;
import org.hpo4j.inject.TunedProperties;
import org.hpo4j.store.JobState;
import org.hpo4j.store.StoredJob;
import org.hpo4j.store.StudyDefinition;
import org.hpo4j.store.StudyStore;
import org.hpo4j.store.StudyStores;
import org.hpo4j.trial.Constraint;
import org.hpo4j.trial.Criteria;
import org.hpo4j.trial.Score;

/**
 * What {@code mvn hpo:select -Dhpo.trial=N} does, without Maven: writes the properties file of
 * evaluation (job) {@code N} of a stored study, without tuning again; e.g. another point of the
 * Pareto front than the one {@code hpo:tune} chose. The plugin only builds the class loader.
 */
public final class SelectCommand {
    private SelectCommand() {
    }

    /**
     * Writes the properties of one stored evaluation.
     *
     * @param loader sees the project's compiled classes, with the processor's objective index
     * @param objective the objective class ({@code hpo.objective}); {@code null} when there is only one
     * @param study the study's name ({@code hpo.study}); {@code null} for the class's study name
     * @param store where the study is stored ({@code hpo.storage}, {@code hpo.storageServer},
     *     {@code hpo.storeOutage}); a {@code null} storage for the default
     * @param trial the job id ({@code hpo.trial}), as {@code pareto.csv} and the report show it
     * @param output the properties file ({@code hpo.output}) relative to {@code baseDirectory};
     *     {@code null} for {@code src/main/resources/hpo/<class>.properties}
     * @param baseDirectory the project's folder
     * @param writeDate whether the file gets a date line
     * @return the file written, and a warning for an evaluation that violates constraints (empty otherwise)
     * @throws IllegalArgumentException naming {@code hpo.trial} when there is no such finished evaluation
     */
    public static Selected run(ClassLoader loader, String objective, String study, StoreAccess store, int trial,
                               Path output, Path baseDirectory, boolean writeDate) {
        String className = ObjectiveClasses.choose(ObjectiveClasses.list(loader), objective);
        Injector<?> injector = ObjectiveClasses.load(className, loader).injector();
        String name = StudyNames.resolve(study != null && !study.isBlank() ? study : null, injector);
        Path hpo = StudyStores.defaultDirectory(baseDirectory, name, note -> { });
        StudyDefinition definition;
        List<StoredJob> jobs;
        try (StudyStore opened = ReportCommand.openExisting(store, hpo, name)) {
            definition = opened.find(name).orElseThrow(() -> new IllegalArgumentException(
                    "no stored study '" + name + "' in " + opened.location() + "; set hpo.study"));
            jobs = opened.jobs(name);
        }
        StoredJob job = jobs.stream().filter(j -> j.jobId() == trial).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("hpo.trial: study '" + name + "' has no evaluation "
                        + trial + " (its jobs are 0 to " + (jobs.size() - 1) + ")"));
        if (job.state() != JobState.FINISHED) {
            throw new IllegalArgumentException("hpo.trial: evaluation " + trial + " of study '" + name + "' is "
                    + job.state() + (job.failure() == null ? "" : " (" + job.failure() + ")")
                    + "; only a finished evaluation has values to write");
        }
        Criteria criteria = definition.criteria();
        String warning = "";
        if (!job.constraints().isEmpty()) {
            List<Constraint> violated = criteria.violated(new Score(job.objectives(), job.constraints()));
            if (!violated.isEmpty()) {
                warning = "evaluation " + trial + " violates " + violated + "; written as asked";
            }
        }
        Path file = output != null ? baseDirectory.resolve(output)
                : baseDirectory.resolve("src/main/resources/hpo/" + className + ".properties");
        TunedProperties.Provenance provenance = new TunedProperties.Provenance(className, name, job.value(),
                definition.direction(), job.budget(), injector.space().budget().map(b -> b.name()).orElse(null),
                definition.optimizer(), definition.seed(), jobs.size(), writeDate ? Instant.now() : null);
        try {
            TunedProperties.write(file, injector.space(), job.toJob(injector.space()).configuration(), provenance);
        } catch (IOException e) {
            throw new UncheckedIOException("hpo.output: cannot write " + file + ": " + e.getMessage(), e);
        }
        return new Selected(file, warning);
    }

    /**
     * What {@link #run} did.
     *
     * @param file the properties file written
     * @param warning why the evaluation may not be what the user wants (it violates constraints), or empty
     */
    public record Selected(Path file, String warning) {
    }
}
