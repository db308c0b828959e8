package org.hpo4j.maven;

import java.io.File;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.hpo4j.tune.SelectCommand;
import org.hpo4j.tune.StoreAccess;

/**
 * Writes the properties file of one stored evaluation ({@code -Dhpo.trial=<job id>}, as
 * {@code pareto.csv} and the report list them) without tuning again: another point of a Pareto
 * front than the one {@code hpo:tune} chose, or any earlier evaluation. Compiles the project first,
 * for the search space.
 */
@Mojo(name = "select", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class SelectMojo extends StoreMojo {

    /** The evaluation's job id. */
    @Parameter(property = "hpo.trial", required = true)
    int trial;

    /** The properties file; default {@code src/main/resources/hpo/<class>.properties}, where {@code Hpo.load} looks. */
    @Parameter(property = "hpo.output")
    File output;

    public SelectMojo() {
        super("select");
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        StoreAccess store = storeAccess();
        SelectCommand.Selected selected = withProjectClasses(loader ->
                SelectCommand.run(loader, objective, study, store, trial, path(output), baseDirectory(), true));
        if (!selected.warning().isEmpty()) {
            getLog().warn(selected.warning());
        }
        getLog().info("wrote " + selected.file());
    }
}
