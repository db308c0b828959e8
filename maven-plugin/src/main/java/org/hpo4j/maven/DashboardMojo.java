package org.hpo4j.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.hpo4j.dashboard.DashboardAddress;
import org.hpo4j.tune.DashboardCommand;

/**
 * Serves a live view of a stored study on this machine until Ctrl-C: progress, the best
 * configuration, the running evaluations with their intermediate values, the ended ones and the
 * report's charts, updated as evaluations land. The study may be running in another process
 * ({@code hpo:tune}, {@code hpo:worker}) or be over; the store is only read. Compiles the project
 * first, for the search space.
 */
@Mojo(name = "dashboard", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class DashboardMojo extends AbstractMojo {

    /** Binary name of the objective class; needed only when the project has several. */
    @Parameter(property = "hpo.objective")
    String objective;

    /** The study's name; default the class's {@code @StudyName}, else its simple name. */
    @Parameter(property = "hpo.study")
    String study;

    /** Where the study is stored, as given to {@code hpo:tune}; default {@code .hpo/<study>.db}. */
    @Parameter(property = "hpo.storage")
    String storage;

    /** The id of a {@code settings.xml} server with the PostgreSQL login; default the environment. */
    @Parameter(property = "hpo.storageServer")
    String storageServer;

    @org.apache.maven.plugins.annotations.Component
    org.apache.maven.settings.crypto.SettingsDecrypter decrypter;

    /** The port; 0 (the default) takes a free one. The address is printed. */
    @Parameter(property = "hpo.dashboard", defaultValue = "0")
    int dashboard;

    /** The address to listen on: 127.0.0.1 (this machine only) unless set; 0.0.0.0 for every network. */
    @Parameter(property = "hpo.dashboardHost", defaultValue = DashboardAddress.DEFAULT_HOST)
    String dashboardHost;

    /** Skips the goal. */
    @Parameter(property = "hpo.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    org.apache.maven.execution.MavenSession session;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("hpo:dashboard skipped (hpo.skip)");
            return;
        }
        String[] login = StorageCredentials.of(session.getSettings(), decrypter, storageServer);
        ProjectClasses.withLoader(ProjectClasses.runtimeClasspath(project), loader -> {
            try {
                DashboardCommand.run(loader, objective, study, storage, login[0], login[1],
                        new DashboardAddress(dashboardHost, dashboard), project.getBasedir().toPath(), System.out);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new MojoFailureException(e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
    }
}
