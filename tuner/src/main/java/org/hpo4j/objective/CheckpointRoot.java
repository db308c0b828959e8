package org.hpo4j.objective;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hpo4j.optimizer.Job;

/**
 * A study's checkpoint folder: one folder per configuration below it ({@link #of}, each a
 * {@link CheckpointFolder}), hpo4j's marker in it, and deleting only what hpo4j wrote there. A
 * folder may be shared between machines and may be one the user gave ({@code hpo.checkpointDir}),
 * so nothing is deleted from a folder without the marker, nor anything but checkpoint files.
 */
public final class CheckpointRoot {
    /** The file hpo4j writes into each checkpoint folder it creates; folders without it are never cleaned. */
    public static final String MARKER = ".hpo4j-checkpoints";
    private static final Pattern CONFIGURATION_FOLDER = Pattern.compile("\\d+-\\d+-\\d+");
    /** Checkpoints and the temporary files they are written to ({@code budget-3.ckpt12345.tmp}). */
    private static final Pattern CHECKPOINT_FILE = Pattern.compile("budget-[0-9.Ee+-]+\\.ckpt(\\d*\\.tmp)?");

    private CheckpointRoot() {
    }

    /** The folder of a configuration under a study's checkpoint folder: {@code <root>/<iteration>-<bracket>-<index>}. */
    public static Path of(Path root, Job.ConfigId id) {
        return root.resolve(id.iteration() + "-" + id.bracket() + "-" + id.index());
    }

    /**
     * Deletes the checkpoints hpo4j wrote below a study's checkpoint folder (a study that starts
     * afresh, or one that ended), and nothing else: only a folder that holds hpo4j's
     * {@linkplain #MARKER marker} is touched, and in it only checkpoint files ({@code budget-*.ckpt}
     * and their temporary files) in configuration folders ({@code <iteration>-<bracket>-<index>}).
     * Folders left empty are removed, the root last. Anything else stays where it is, and
     * {@code warnings} hears about it.
     *
     * @throws UncheckedIOException when a checkpoint cannot be deleted
     */
    public static void deleteAll(Path root, Consumer<String> warnings) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(root)) {
                warnings.accept("checkpoint folder " + root + " is not a folder hpo4j created; left as it is");
            }
            return;
        }
        if (!Files.isRegularFile(root.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
            warnings.accept("checkpoint folder " + root + " was not created by hpo4j (it holds no " + MARKER
                    + "), so nothing in it is deleted; give hpo.checkpointDir a folder of its own");
            return;
        }
        List<Path> foreign = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.equals(MARKER)) {
                    continue;
                }
                if (CONFIGURATION_FOLDER.matcher(name).matches() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    deleteCheckpoints(entry, foreign);
                } else {
                    foreign.add(entry);
                }
            }
            if (foreign.isEmpty()) {
                Files.delete(root.resolve(MARKER));
                try {
                    Files.delete(root);
                } catch (DirectoryNotEmptyException stillWritten) {
                    // an evaluation that still runs (the study was interrupted) saved a checkpoint
                    // meanwhile: the folder stays hpo4j's, for the run that resumes the study to clean
                    writeMarker(root);
                    warnings.accept("checkpoint folder " + root + " was written to while it was cleaned (an evaluation"
                            + " was still running); left for the next run of the study");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the checkpoints in " + root, e);
        }
        if (!foreign.isEmpty()) {
            warnings.accept("left " + foreign.size() + " file(s) in checkpoint folder " + root
                    + " that are not hpo4j's checkpoints, e.g. " + foreign.get(0));
        }
    }

    /**
     * Deletes the checkpoints of one configuration that will not be continued any more (it reached
     * the largest budget), as {@link #deleteAll} does for all: only in a folder hpo4j marked, only its
     * checkpoint files; what else is there waits for {@link #deleteAll}, which warns about it.
     */
    public static void deleteConfiguration(Path root, Job.ConfigId id) {
        Path folder = of(root, id);
        if (!Files.isRegularFile(root.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)
                || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            deleteCheckpoints(folder, new ArrayList<>());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the checkpoints in " + folder, e);
        }
    }

    /** Deletes the configuration folder {@code folder}'s checkpoint files, and the folder if that empties it. */
    private static void deleteCheckpoints(Path folder, List<Path> foreign) throws IOException {
        boolean empty = true;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                if (CHECKPOINT_FILE.matcher(f.getFileName().toString()).matches()
                        && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(f);
                } else {
                    foreign.add(f);
                    empty = false;
                }
            }
        }
        if (empty) {
            try {
                Files.deleteIfExists(folder);
            } catch (DirectoryNotEmptyException stillWritten) {
                // a running evaluation saved into it meanwhile; the root then stays, see deleteAll
            }
        }
    }

    /**
     * Creates a study's checkpoint folder with hpo4j's marker in it, when it does not exist yet or is
     * empty; a folder that already holds other things is used as it is, unmarked, and never cleaned.
     */
    static void prepare(Path root) throws IOException {
        if (Files.isRegularFile(root.resolve(MARKER))) {
            return;
        }
        Files.createDirectories(root);
        boolean empty;
        try (Stream<Path> entries = Files.list(root)) {
            empty = entries.findAny().isEmpty();
        }
        if (empty) {
            writeMarker(root);
        }
    }

    /** Marks {@code root} as hpo4j's checkpoint folder, unless another process marked it first. */
    private static void writeMarker(Path root) throws IOException {
        try {
            Files.writeString(root.resolve(MARKER), "checkpoints of hpo4j; hpo4j deletes only its own files in"
                    + " this folder (budget-*.ckpt in <iteration>-<bracket>-<index> folders)\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            // another worker marked it first
        }
    }
}
