package org.hpo4j.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.hpo4j.objective.CheckpointRoot;
import org.hpo4j.optimizer.Job;

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
    private final Consumer<String> warnings;

    TrialFolders(String name, Path configuredWorkRoot, boolean checkpoints, Path configuredCheckpointRoot,
                 Consumer<String> warnings) {
        this.name = name;
        this.warnings = warnings;
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
            CheckpointRoot.deleteAll(checkpointRoot(), warnings);
        }
    }

    /** Deletes hpo4j's checkpoints of the study, when it keeps any (the run ended). */
    void deleteCheckpoints() {
        if (checkpoints) {
            CheckpointRoot.deleteAll(checkpointRoot(), warnings);
        }
    }

    /** Deletes the checkpoints of one configuration, which nothing continues any more. */
    void deleteCheckpoints(Job.ConfigId config) {
        if (checkpoints) {
            CheckpointRoot.deleteConfiguration(checkpointRoot(), config);
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
