package org.hpo4j.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hpo.jvmArgs reaches the forked worker JVMs that hpo:tune starts. */
class TunerJvmArgsTest {
    @TempDir
    Path dir;

    @Test
    void theObjectiveInTheWorkerReadsTheGivenSystemProperty() throws Exception {
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        TuneRequest.Builder request = TuneRequest.builder().optimizer("random").maxEvaluations(2).baseDirectory(dir)
                .storage("memory").classpath(classpath)
                .jvmArgs(JvmOptions.parse("-Xmx128m -D" + JvmProbe.PROPERTY + "=7.25"));
        try (URLClassLoader loader = IndexedClasses.loader(dir, JvmProbe.class)) {
            TuneSummary summary = new Tuner(new PrintStream(new ByteArrayOutputStream())).run(request.build(), loader);
            assertEquals(7.25, summary.value());
            assertEquals(2, summary.evaluations());
            // without the option every evaluation fails (NaN), and the study says so
            assertThrows(TuneException.class, () -> new Tuner(new PrintStream(new ByteArrayOutputStream()))
                    .run(request.jvmArgs(List.of()).build(), loader));
        }
    }
}
