package org.hpo4j.maven;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.hpo4j.tune.ReportCommand;

/**
 * Writes the report of a study that {@code hpo:tune} stored: {@code target/hpo/<study>/report.html}
 * (one self-contained page with plots), {@code evaluations.csv} and {@code evaluations.json}; with
 * {@code -Dhpo.format=csv} (or {@code json}, {@code html}) one file, to {@code -Dhpo.output=FILE}
 * if given. Works while the study still runs. Compiles the project first, for the search space.
 */
@Mojo(name = "report", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class ReportMojo extends AbstractMojo {

    /** Binary name of the objective class; needed only when the project has several. */
    @Parameter(property = "hpo.objective")
    String objective;

    /** The study's name; default the class's {@code @StudyName}, else its simple name. */
    @Parameter(property = "hpo.study")
    String study;

    /**
     * Where the study is stored, as given to {@code hpo:tune}; default {@code .hpo/<study>.db} (or
     * {@code target/hpo/<study>.db}, where older versions kept it).
     */
    @Parameter(property = "hpo.storage")
    String storage;

    /** Write only this form: {@code html}, {@code csv} or {@code json}; default all three. */
    @Parameter(property = "hpo.format")
    String format;

    /** The file for {@code hpo.format}; default {@code target/hpo/<study>/} with the format's usual name. */
    @Parameter(property = "hpo.output")
    File output;

    /** Skips the goal. */
    @Parameter(property = "hpo.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("hpo:report skipped (hpo.skip)");
            return;
        }
        Path base = project.getBasedir().toPath();
        List<Path> written = ProjectClasses.withLoader(ProjectClasses.runtimeClasspath(project), loader -> {
            try {
                return ReportCommand.run(loader, objective, study, storage, format,
                        output == null ? null : output.toPath(), base);
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException(e.getMessage(), e);
            } catch (UncheckedIOException e) {
                throw new MojoExecutionException(e.getMessage(), e);
            }
        });
        for (Path file : written) {
            getLog().info("wrote " + file);
        }
    }
}
