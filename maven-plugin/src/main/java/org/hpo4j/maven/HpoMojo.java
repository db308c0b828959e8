package org.hpo4j.maven;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.hpo4j.tune.TuneException;

/**
 * What every {@code hpo:} goal shares: the project, the objective class ({@code hpo.objective}),
 * {@code hpo.skip}, and one translation of the core's errors into Maven's. A goal only moves its
 * parameters into a call of {@code hpo4j-tuner}'s {@code org.hpo4j.tune} package.
 */
abstract class HpoMojo extends AbstractMojo {

    /** Binary (or unambiguous simple) name of the objective class; needed only when the project has several. */
    @Parameter(property = "hpo.objective")
    String objective;

    /** Skips the goal. */
    @Parameter(property = "hpo.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    private final String goal;

    /** A goal named {@code goal} (without the {@code hpo:} prefix), for messages. */
    HpoMojo(String goal) {
        this.goal = goal;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("hpo:" + goal + " skipped (hpo.skip)");
            return;
        }
        run();
    }

    /** What the goal does when it is not skipped. */
    abstract void run() throws MojoExecutionException, MojoFailureException;

    /** The project's folder, against which relative paths resolve. */
    Path baseDirectory() {
        return project.getBasedir().toPath();
    }

    /**
     * Runs {@code task} with a class loader over the project's {@code classpath}. Bad input
     * ({@link TuneException}, {@link IllegalArgumentException}: their messages name the
     * {@code hpo.*} parameter and the fix) fails the goal with that message; a file that cannot be
     * written, or anything unexpected, is an execution error naming its cause (the trace under {@code -e}).
     */
    <T> T withProjectClasses(List<Path> classpath, ProjectClasses.LoaderTask<T> task)
            throws MojoExecutionException, MojoFailureException {
        try {
            return ProjectClasses.withLoader(classpath, task);
        } catch (TuneException | IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("hpo:" + goal + " failed: " + e, e);
        }
    }

    /** As {@link #withProjectClasses(java.util.List, ProjectClasses.LoaderTask)} over the project's runtime class path. */
    <T> T withProjectClasses(ProjectClasses.LoaderTask<T> task) throws MojoExecutionException, MojoFailureException {
        return withProjectClasses(ProjectClasses.runtimeClasspath(project), task);
    }

    /** Whether progress goes one line per evaluation (a batch build, no console) rather than a live line. */
    boolean batchMode() {
        return !session.getRequest().isInteractiveMode() || System.console() == null;
    }

    /** A file parameter as a path; {@code null} when not given. */
    static Path path(File file) {
        return file == null ? null : file.toPath();
    }
}
