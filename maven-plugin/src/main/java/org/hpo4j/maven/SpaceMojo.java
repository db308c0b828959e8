package org.hpo4j.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.hpo4j.tune.SpaceTable;

/**
 * Prints the search space of each {@code @Objective} class of the project (or of
 * {@code hpo.objective} only). Compiles the project first.
 */
@Mojo(name = "space", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class SpaceMojo extends HpoMojo {

    public SpaceMojo() {
        super("space");
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        String text = withProjectClasses(loader -> SpaceTable.of(loader, objective));
        for (String line : text.split("\n")) {
            getLog().info(line);
        }
    }
}
