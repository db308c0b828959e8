package org.hpo4j.tune;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code hpo:tune}'s core in a process of its own, so that a test can SIGKILL it:
 * {@code KillableTuneMain <project folder> <class-path folder>}. Runs (or resumes) the study of
 * {@link Epochs} and prints the batch lines, then {@code done}.
 */
public final class KillableTuneMain {
    private KillableTuneMain() {
    }

    /** The request, the same for the killed runs, their resumptions and the uninterrupted run. */
    static TuneRequest request(Path project) {
        return TuneRequest.builder().optimizer("hyperband").seed(4).iterations(3).study("kills").baseDirectory(project)
                .writeDate(false).batchMode(true).build();
    }

    /** A class path folder whose objective index names {@link Epochs}, as the processor writes it. */
    static ClassLoader loader(Path folder) throws Exception {
        Path index = folder.resolve(ObjectiveClasses.INDEX);
        Files.createDirectories(index.getParent());
        Files.writeString(index, Epochs.class.getName() + "\n");
        return new URLClassLoader(new URL[] {folder.toUri().toURL()}, KillableTuneMain.class.getClassLoader());
    }

    public static void main(String[] args) throws Exception {
        new Tuner(System.out).run(request(Path.of(args[0])), loader(Path.of(args[1])));
        System.out.println("done");
        System.out.flush();
    }
}
