package org.hpo4j.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.hpo4j.tune.ReportCommand;
import org.hpo4j.tune.StoreAccess;

/**
 * Writes the report of a study that {@code hpo:tune} stored: {@code target/hpo/<study>/report.html}
 * (one self-contained page with plots), {@code evaluations.csv} and {@code evaluations.json}; with
 * {@code -Dhpo.format=csv} (or {@code json}, {@code html}) one file, to {@code -Dhpo.output=FILE}
 * if given. Works while the study still runs, on any store {@code hpo:tune} can use (a PostgreSQL
 * one with {@code hpo.storageServer}, as for {@code hpo:tune}). Compiles the project first, for the
 * search space.
 */
@Mojo(name = "report", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class ReportMojo extends StoreMojo {

    /** Write only this form: {@code html}, {@code csv} or {@code json}; default all three. */
    @Parameter(property = "hpo.format")
    String format;

    /** The file for {@code hpo.format}; default {@code target/hpo/<study>/} with the format's usual name. */
    @Parameter(property = "hpo.output")
    File output;

    public ReportMojo() {
        super("report");
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        StoreAccess store = storeAccess();
        List<Path> written = withProjectClasses(loader ->
                ReportCommand.run(loader, objective, study, store, format, path(output), baseDirectory()));
        for (Path file : written) {
            getLog().info("wrote " + file);
        }
    }
}
