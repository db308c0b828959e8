package org.hpo4j.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.project.MavenProject;
import org.hpo4j.tune.TuneRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneMojoTest {

    @Test
    void everyParameterReachesTheRequest(@TempDir Path dir) {
        TuneMojo mojo = new TuneMojo();
        MavenProject project = new MavenProject();
        project.setFile(dir.resolve("pom.xml").toFile());
        mojo.project = project;
        mojo.objective = "a.B";
        mojo.optimizer = "hyperband";
        mojo.seed = 11;
        mojo.study = "s1";
        mojo.storage = "jdbc:sqlite:x.db";
        mojo.parallelism = 4;
        mojo.iterations = 2;
        mojo.maxEvaluations = 50;
        mojo.maxCost = 900.0;
        mojo.timeLimit = "10m";
        mojo.evaluationTimeout = 30.0;
        mojo.fresh = true;
        mojo.output = new File("out.properties");
        mojo.eta = 4.0;
        mojo.minBudget = 2.0;
        mojo.maxBudget = 64.0;
        mojo.writeDate = false;
        mojo.checkpoints = false;
        mojo.checkpointDir = new File("/shared/ckpt");
        mojo.overwrite = true;
        mojo.jvmArgs = "-Xmx2g  -Dxgb.nthread=2 '-Dmodel.dir=/data/my models'";
        TuneRequest r = mojo.request(List.of(dir), true);
        assertEquals(new TuneRequest("a.B", "hyperband", 11, "s1", "jdbc:sqlite:x.db", 4, 2, 50, 900.0, "10m", 30.0, true,
                Path.of("out.properties"), 4.0, 2.0, 64.0, dir, List.of(dir), true, false, null, false, false, Path.of("/shared/ckpt"),
                null, null, null, false, List.of("-Xmx2g", "-Dxgb.nthread=2", "-Dmodel.dir=/data/my models"), true), r);
    }

    @Test
    void unsetParametersStayUnset(@TempDir Path dir) {
        TuneMojo mojo = new TuneMojo();
        MavenProject project = new MavenProject();
        project.setFile(dir.resolve("pom.xml").toFile());
        mojo.project = project;
        mojo.optimizer = TuneRequest.DEFAULT_OPTIMIZER;
        mojo.parallelism = 1;
        mojo.writeDate = true;
        mojo.checkpoints = true;
        TuneRequest r = mojo.request(List.of(), false);
        assertNull(r.objective());
        assertNull(r.output());
        assertNull(r.iterations());
        assertNull(r.eta());
        assertNull(r.maxEvaluations());
        assertNull(r.timeLimit());
        assertFalse(r.batchMode());
        assertTrue(r.writeDate());
        assertEquals("hyper-gp", r.optimizer());
        assertTrue(r.checkpoints());
        assertNull(r.checkpointDir());
        assertEquals(List.of(), r.jvmArgs());
    }
}
