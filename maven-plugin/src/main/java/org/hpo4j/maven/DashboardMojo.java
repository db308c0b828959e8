package org.hpo4j.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.hpo4j.dashboard.DashboardAddress;
import org.hpo4j.tune.DashboardCommand;
import org.hpo4j.tune.StoreAccess;

/**
 * Serves a live view of a stored study on this machine until Ctrl-C: progress, the best
 * configuration, the running evaluations with their intermediate values, the ended ones and the
 * report's charts, updated as evaluations land. The study may be running in another process
 * ({@code hpo:tune}, {@code hpo:worker}) or be over; the store is only read. Compiles the project
 * first, for the search space.
 */
@Mojo(name = "dashboard", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class DashboardMojo extends StoreMojo {
    /** The port; 0 (the default) takes a free one. The address is printed. */
    @Parameter(property = "hpo.dashboard", defaultValue = "0") int dashboard;
    /** The address to listen on: 127.0.0.1 (this machine only) unless set; 0.0.0.0 for every network. */
    @Parameter(property = "hpo.dashboardHost", defaultValue = DashboardAddress.DEFAULT_HOST) String dashboardHost;

    public DashboardMojo() {
        super("dashboard");
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        StoreAccess store = storeAccess();
        withProjectClasses(loader -> {
            try {
                DashboardCommand.run(loader, objective, study, store, new DashboardAddress(dashboardHost, dashboard),
                        baseDirectory(), System.out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
    }
}
