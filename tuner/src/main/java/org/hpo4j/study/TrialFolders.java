package org.hpo4j.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hpo4j.objective.CheckpointFolder;

/**
 * The folders of a study: its work folder ({@code <work folder>/<name>}, or a new temporary one),
 * under which each job gets {@code job-<id>}, and its checkpoint folder, holding one folder per
 * configuration.
 */
final class TrialFolders {
    private final String name;
    private final Path configuredWorkRoot;
    private final boolean checkpoints;
    private final Path configuredCheckpointRoot;
    private boolean checkpointsPrepared;
    private Path workRoot;

    TrialFolders(String name, Path configuredWorkRoot, boolean checkpoints, Path configuredCheckpointRoot) {
        this.name = name;
        this.configuredWorkRoot = configuredWorkRoot;
        this.checkpoints = checkpoints;
        this.configuredCheckpointRoot = configuredCheckpointRoot;
    }

    /** The folder under which each configuration's checkpoint folder lives. */
    synchronized Path checkpointRoot() {
        return configuredCheckpointRoot != null ? configuredCheckpointRoot : workRoot().resolve("checkpoints");
    }

    /** The checkpoint root for tasks; {@code null} when the study keeps no checkpoints. */
    Path taskCheckpointRoot() {
        return checkpoints ? checkpointRoot() : null;
    }

    /**
     * Once per study object: a study that starts afresh deletes the checkpoints of an earlier run of
     * the same name (their configuration ids now name other configurations); a resumed one keeps them.
     */
    synchronized void prepareCheckpoints(boolean resumed) {
        if (checkpointsPrepared) {
            return;
        }
        checkpointsPrepared = true;
        if (checkpoints && !resumed) {
            CheckpointFolder.deleteAll(checkpointRoot());
        }
    }

    synchronized Path workRoot() {
        if (workRoot == null) {
            try {
                workRoot = configuredWorkRoot != null ? configuredWorkRoot.resolve(name)
                        : Files.createTempDirectory("hpo4j-" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary folder for study '" + name + "'", e);
            }
        }
        return workRoot;
    }
}
