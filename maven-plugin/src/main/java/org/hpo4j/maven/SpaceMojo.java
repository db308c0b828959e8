package org.hpo4j.maven;

import java.io.IOException;
import java.net.URLClassLoader;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.hpo4j.tune.TuneException;
import org.hpo4j.tune.Tuner;

/** Prints the search space of each {@code @Objective} class of the project. Compiles the project first. */
@Mojo(name = "space", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class SpaceMojo extends AbstractMojo {

    /** Binary (or simple) name of one class to show; default every objective class. */
    @Parameter(property = "hpo.objective")
    String objective;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        try (URLClassLoader loader = ProjectClasses.loader(ProjectClasses.runtimeClasspath(project))) {
            String text = Tuner.describeSpaces(loader, objective);
            for (String line : text.split("\n")) {
                getLog().info(line);
            }
        } catch (TuneException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (RuntimeException e) {
            // a bug or an unexpected state: still one line naming the cause, the trace under -e
            throw new MojoExecutionException("hpo:space failed: " + e, e);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot close the project's class loader", e);
        }
    }
}
