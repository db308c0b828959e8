package org.hpo4j.tune;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.hpo4j.dashboard.DashboardAddress;
import org.hpo4j.dashboard.DashboardServer;
import org.hpo4j.dashboard.Planned;
import org.hpo4j.inject.Injector;
import org.hpo4j.inject.StudyNames;
import org.hpo4j.store.StudyStore;
import org.hpo4j.store.StudyStores;

/**
 * What {@code mvn hpo:dashboard} does, without Maven: finds the objective class (for its search
 * space and default study name), opens its study's store read-only and serves the live dashboard
 * until the process is interrupted (Ctrl-C). The study may be running in another process, or be
 * over.
 */
public final class DashboardCommand {
    private DashboardCommand() {
    }

    /**
     * Serves the dashboard of a stored study until the thread is interrupted or the JVM ends.
     *
     * @param loader sees the project's compiled classes, with the processor's objective index
     * @param objective the objective class ({@code hpo.objective}); {@code null} when there is only one
     * @param study the study's name ({@code hpo.study}); {@code null} for the class's study name. When
     *     the project has several objective classes and {@code objective} is {@code null}, the class
     *     is the one whose search space the stored study has
     * @param store where the study is stored ({@code hpo.storage}, {@code hpo.storageServer}), as for
     *     {@code hpo:report}; opened read-only
     * @param address where to listen ({@code hpo.dashboardHost}, {@code hpo.dashboard})
     * @param baseDirectory the project's folder
     * @param console where the address (and any warning) is printed
     * @throws IllegalArgumentException naming the parameter at fault, or when the store holds no such
     *     study (naming the study and the store)
     */
    public static void run(ClassLoader loader, String objective, String study, StoreAccess store,
                           DashboardAddress address, Path baseDirectory, PrintStream console)
            throws InterruptedException {
        java.util.List<String> classes = ObjectiveClasses.list(loader);
        boolean named = study != null && !study.isBlank();
        // as hpo:report: a named study of a project with several classes is shown with the class whose space it has
        Injector<?> injector = named && (objective == null || objective.isBlank()) && classes.size() > 1
                ? ReportCommand.classOfStudy(loader, classes, study, store, baseDirectory)
                : ObjectiveClasses.load(ObjectiveClasses.choose(classes, objective), loader).injector();
        String name = StudyNames.resolve(named ? study : null, injector);
        String storage = store.storage();
        Path folder = StudyStores.defaultDirectory(baseDirectory, name, note -> console.println("hpo4j: " + note));
        ReportCommand.checkStorageHasData(storage, folder, name);
        try (StudyStore reader = openReadOnly(store, folder, name, console)) {
            if (reader.find(name).isEmpty()) {
                throw new IllegalArgumentException("no study '" + name + "' in " + reader.location()
                        + "; run mvn hpo:tune first, or set hpo.study (and hpo.storage) to the study to watch");
            }
            try (DashboardServer server = DashboardServer.start(reader, name, injector.space(), Planned.UNKNOWN, address,
                    note -> console.println("hpo4j: " + note))) {
                console.println("hpo4j: dashboard of study " + name + " at " + server.url()
                        + " (read-only; Ctrl-C to stop)");
                new CountDownLatch(1).await();
            }
        }
    }

    /**
     * The dashboard of a study {@link Tuner} runs in this process, reading its store as
     * {@code hpo:dashboard} would from another (a SQLite file through a read-only connection of its
     * own), with what the plan expects to spend; {@code null} without an address.
     *
     * @throws TuneException naming {@code hpo.dashboard} when the port is taken, or
     *     {@code hpo.dashboardHost} when the host is unknown
     */
    static DashboardServer beside(DashboardAddress address, StudyStore store, Plan plan, org.hpo4j.space.SearchSpace space,
                                  PrintStream console) {
        if (address == null) {
            return null;
        }
        Outlook outlook = Outlook.of(plan);
        DashboardServer server;
        try {
            server = DashboardServer.startBeside(store, plan.study(), space, new Planned(outlook.evaluations(),
                    outlook.approximate(), outlook.cost(), plan.timeLimit()), address,
                    note -> console.println("hpo4j: " + note));
        } catch (IllegalArgumentException e) {
            throw new TuneException(e.getMessage(), e);
        }
        console.println("hpo4j: dashboard at " + server.url() + " (until the study ends)");
        return server;
    }

    private static StudyStore openReadOnly(StoreAccess store, Path folder, String study, PrintStream console) {
        try {
            return store.openReadOnly(folder, study, note -> console.println("hpo4j: " + note));
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("hpo.storage: " + e.getMessage(), e);
        }
    }
}
