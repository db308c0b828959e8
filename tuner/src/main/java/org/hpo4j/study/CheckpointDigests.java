package org.hpo4j.study;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hpo4j.objective.CheckpointFolder;
import org.hpo4j.objective.CheckpointRoot;
import org.hpo4j.optimizer.Job;
import org.hpo4j.store.StudyStore;

/**
 * The digests of a study's checkpoints: recorded when the evaluation that wrote one ends, in the
 * study store (or in memory for a study without one), and handed to the evaluation that may continue
 * from it, which reads the file only if it still has that digest ({@link CheckpointFolder}).
 */
public final class CheckpointDigests {
    private final StudyStore store;
    private final String study;
    private final Map<String, String> withoutStore = new ConcurrentHashMap<>();

    /** The digests of study {@code study} in {@code store}; {@code null} keeps them in memory. */
    public CheckpointDigests(StudyStore store, String study) {
        this.store = store;
        this.study = study;
    }

    /** The digest recorded for the configuration's checkpoint at {@code previousBudget}; {@code null} when none. */
    public String expected(Job.ConfigId config, double previousBudget) {
        if (!(previousBudget > 0)) {
            return null;
        }
        return store != null ? store.checkpointDigest(study, config, previousBudget).orElse(null)
                : withoutStore.get(config + "@" + previousBudget);
    }

    /**
     * Records the digest of the checkpoint the configuration saved at {@code budget}, if it saved
     * one; before the result is stored, so that a promotion handed out after it finds the digest.
     *
     * @param checkpointRoot the study's checkpoint folder; {@code null} when it keeps none
     */
    public void record(Path checkpointRoot, Job.ConfigId config, double budget) {
        if (checkpointRoot == null) {
            return;
        }
        Optional<String> digest = CheckpointFolder.digest(CheckpointRoot.of(checkpointRoot, config), budget);
        if (digest.isPresent()) {
            if (store != null) {
                store.recordCheckpoint(study, config, budget, digest.get());
            } else {
                withoutStore.put(config + "@" + budget, digest.get());
            }
        }
    }
}
