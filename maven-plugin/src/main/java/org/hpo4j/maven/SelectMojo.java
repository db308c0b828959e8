package org.hpo4j.maven;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.hpo4j.tune.SelectCommand;

/**
 * Writes the properties file of one stored evaluation ({@code -Dhpo.trial=<job id>}, as
 * {@code pareto.csv} and the report list them) without tuning again: another point of a Pareto
 * front than the one {@code hpo:tune} chose, or any earlier evaluation. Compiles the project first,
 * for the search space.
 */
@Mojo(name = "select", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class SelectMojo extends AbstractMojo {

    /** The evaluation's job id. */
    @Parameter(property = "hpo.trial", required = true)
    int trial;

    /** Binary name of the objective class; needed only when the project has several. */
    @Parameter(property = "hpo.objective")
    String objective;

    /** The study's name; default the class's {@code @StudyName}, else its simple name. */
    @Parameter(property = "hpo.study")
    String study;

    /** Where the study is stored, as given to {@code hpo:tune}; default {@code target/hpo/<study>.db}. */
    @Parameter(property = "hpo.storage")
    String storage;

    /** The properties file; default {@code src/main/resources/hpo/<class>.properties}, where {@code Hpo.load} looks. */
    @Parameter(property = "hpo.output")
    File output;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path base = project.getBasedir().toPath();
        SelectCommand.Selected selected = ProjectClasses.withLoader(ProjectClasses.runtimeClasspath(project), loader -> {
            try {
                return SelectCommand.run(loader, objective, study, storage, trial,
                        output == null ? null : output.toPath(), base, true);
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException(e.getMessage(), e);
            } catch (UncheckedIOException e) {
                throw new MojoExecutionException(e.getMessage(), e);
            }
        });
        if (!selected.warning().isEmpty()) {
            getLog().warn(selected.warning());
        }
        getLog().info("wrote " + selected.file());
    }
}
