package org.hpo4j.tune;

import java.io.File;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code hpo:tune} of {@link Epochs} (400 ms an epoch) in its own JVM, as the Maven plugin runs it (forked workers, the
 * default store in the project folder {@code args[0]}), for a test to interrupt with a signal.
 * Prints {@code interrupted=<true|false>} last.
 */
public final class InterruptibleTuneMain {
    private InterruptibleTuneMain() {
    }

    /**
     * The request both the interrupted and the resumed run use; {@code epochMillis} is not part of
     * the study's settings, so the interrupted run can be slow (a signal on a loaded machine still
     * finds it running) and the resumed one fast.
     */
    static TuneRequest.Builder request(Path project, long epochMillis) {
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        return TuneRequest.builder().optimizer("hyperband").seed(3).iterations(1).parallelism(2).baseDirectory(project)
                .classpath(classpath).writeDate(false).jvmArgs(List.of("-D" + Epochs.EPOCH_MILLIS + "=" + epochMillis));
    }

    /** A loader whose objective index lists {@link Epochs}. */
    static URLClassLoader loader(Path project) throws Exception {
        return IndexedClasses.loader(project, Epochs.class);
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]);
        try (URLClassLoader loader = loader(project)) {
            TuneSummary summary = new Tuner(System.out).run(request(project, 400).build(), loader);
            System.out.println("interrupted=" + summary.interrupted());
        }
    }
}
