package org.hpo4j.objective;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The checkpoints of one configuration as one evaluation sees them: the folder shared by every
 * evaluation of the configuration (promotions included), the budget this evaluation trains to and
 * the budget the configuration already reached.
 *
 * <p>Each save is stored as {@code budget-<b>.ckpt} for the evaluation's budget {@code b}; a load
 * reads the file of the previous budget only, so a state is continued exactly from the rung it was
 * promoted from (a leftover of a killed attempt at the current budget is never mistaken for it).
 * Files are written to a temporary file and moved into place, so a killed worker leaves either the
 * old checkpoint or the new one, never a torn one. Each file records the configuration it belongs
 * to; a file of another configuration (a stale folder) is ignored.
 *
 * <p>A checkpoint folder may be shared between machines, so its files are not trusted: a file is
 * read only when its SHA-256 digest equals the one the study store recorded when the evaluation
 * that wrote it ended ({@link #digest}), and an object is deserialized through a filter that admits
 * only the expected class and what it is built from, within limits ({@code CheckpointInput}). A
 * file that fails either check is not read, with a warning: the evaluation starts from scratch.
 *
 * <p>The folders of a study's configurations, and cleaning them up, are {@link CheckpointRoot}'s.
 *
 * <p>Whether a load succeeded is remembered ({@link #continuedFrom()}): the study charges such an
 * evaluation only the budget it added.
 */
public final class CheckpointFolder {
    private static final int MAGIC = 0x48504F43; // "HPOC"
    private static final byte BYTES = 1;
    private static final byte OBJECT = 2;
    private static final String SUFFIX = ".ckpt";

    private final Path directory;
    private final double budget;
    private final double previousBudget;
    private final String configuration;
    private final String expectedDigest;
    private volatile double continuedFrom;

    /**
     * The checkpoints of one evaluation.
     *
     * @param directory the configuration's folder (created when first written)
     * @param budget the budget the evaluation trains to; saves are stored under it
     * @param previousBudget the budget the configuration already reached, 0 if none; loads read the
     *     checkpoint saved at it
     * @param configuration the configuration as {@code ConfigurationCodec} JSON, stored with each
     *     checkpoint and compared on load
     * @param expectedDigest the {@linkplain #digest digest} the study store recorded for the
     *     checkpoint at {@code previousBudget} when it was written; {@code null} when none was
     *     recorded, and then nothing is loaded
     */
    public CheckpointFolder(Path directory, double budget, double previousBudget, String configuration,
                            String expectedDigest) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.budget = budget;
        this.previousBudget = previousBudget;
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.expectedDigest = expectedDigest;
    }

    /**
     * The SHA-256 digest (hex) of the checkpoint a configuration's folder holds at {@code atBudget}:
     * what the study store records when an evaluation that saved one ends.
     *
     * @return empty when there is no checkpoint at that budget
     */
    public static Optional<String> digest(Path directory, double atBudget) {
        try {
            return Optional.of(sha256(Files.readAllBytes(file(directory, atBudget))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file(directory, atBudget), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The configuration's folder, created if needed (for files of the objective's own). */
    public Path directory() {
        try {
            CheckpointRoot.prepare(directory.getParent());
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the checkpoint folder " + directory, e);
        }
    }

    /** The budget a loaded checkpoint continued from; 0 while nothing was loaded (a restart). */
    public double continuedFrom() {
        return continuedFrom;
    }

    /** Saves {@code state} as the checkpoint at this evaluation's budget. */
    public void save(byte[] state) {
        write(BYTES, Objects.requireNonNull(state, "state"));
    }

    /** Saves {@code state}, serialized, as the checkpoint at this evaluation's budget. */
    public void save(Serializable state) {
        Objects.requireNonNull(state, "state");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the checkpoint state " + state.getClass().getName()
                    + " (every field must be Serializable or transient): " + e.getMessage(), e);
        }
        write(OBJECT, bytes.toByteArray());
    }

    /** The bytes saved at the previous budget, if any; a hit counts as a continuation. */
    public Optional<byte[]> loadBytes() {
        Optional<Stored> stored = read();
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (stored.get().kind != BYTES) {
            throw new IllegalStateException("checkpoint " + file(previousBudget) + " holds a serialized object;"
                    + " read it with loadCheckpoint(Class)");
        }
        continuedFrom = previousBudget;
        return Optional.of(stored.get().payload);
    }

    /**
     * The object saved at the previous budget, if any; a hit counts as a continuation.
     *
     * @throws IllegalStateException when the file holds bytes, another type, or a class that no
     *     longer reads (changed since it was written)
     */
    public <T> Optional<T> load(Class<T> type) {
        Objects.requireNonNull(type, "type");
        Optional<Stored> stored = read();
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Path file = file(previousBudget);
        if (stored.get().kind != OBJECT) {
            throw new IllegalStateException("checkpoint " + file + " holds bytes; read it with loadCheckpointBytes()");
        }
        Object value;
        byte[] payload = stored.get().payload;
        CheckpointInput in = null;
        try {
            in = new CheckpointInput(new ByteArrayInputStream(payload), type, payload.length);
            value = in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            if (in != null && in.refusal() != null) {
                // not what this objective saves: never run it, train from scratch
                warn("checkpoint " + file + " is refused (" + in.refusal() + "), so it is not read; the evaluation"
                        + " starts from scratch");
                return Optional.empty();
            }
            throw new IllegalStateException("cannot read checkpoint " + file + " as " + type.getName()
                    + " (did its class change since it was saved? start the study afresh): " + e, e);
        }
        if (!type.isInstance(value)) {
            throw new IllegalStateException("checkpoint " + file + " holds a " + value.getClass().getName()
                    + ", not a " + type.getName());
        }
        continuedFrom = previousBudget;
        return Optional.of(type.cast(value));
    }

    private record Stored(byte kind, byte[] payload) {
    }

    private Optional<Stored> read() {
        if (!(previousBudget > 0)) {
            return Optional.empty();
        }
        Path file = file(previousBudget);
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file, e);
        }
        // only what this study wrote is read: the store recorded the file's digest when the
        // evaluation that saved it ended (a file put there by anyone else never gets deserialized)
        if (expectedDigest == null) {
            warn("checkpoint " + file + " has no digest in the study store (written by another run or an older"
                    + " hpo4j), so it is not read; the evaluation starts from scratch");
            return Optional.empty();
        }
        if (!expectedDigest.equals(sha256(all))) {
            warn("checkpoint " + file + " is not the file the study wrote (its SHA-256 digest differs from the one"
                    + " recorded in the study store), so it is not read; the evaluation starts from scratch");
            return Optional.empty();
        }
        // a file that does not read whole (only a power cut can leave one, see write) is no state to
        // continue from: the evaluation restarts and is charged in full
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all))) {
            if (in.readInt() != MAGIC) {
                return Optional.empty();
            }
            byte kind = in.readByte();
            String owner = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
            if (!owner.equals(configuration)) {
                // a folder left from another study run: its state is not this configuration's
                return Optional.empty();
            }
            int length = in.readInt();
            byte[] payload = in.readNBytes(length);
            if (payload.length != length) {
                return Optional.empty();
            }
            return Optional.of(new Stored(kind, payload));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void write(byte kind, byte[] payload) {
        Path target = file(budget);
        Path temp = null;
        try {
            Path dir = directory();
            temp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(payload.length + configuration.length() + 32);
            try (DataOutputStream out = new DataOutputStream(buffer)) {
                byte[] owner = configuration.getBytes(StandardCharsets.UTF_8);
                out.writeInt(MAGIC);
                out.writeByte(kind);
                out.writeInt(owner.length);
                out.write(owner);
                out.writeInt(payload.length);
                out.write(payload);
            }
            // no fsync: a killed process cannot tear a file that is renamed into place complete (the
            // page cache survives it), as the SQLite store's synchronous=NORMAL; only a power cut may
            // lose the newest checkpoint, and a promotion then restarts and is charged in full
            Files.write(temp, buffer.toByteArray(), StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            dropOlder(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + target, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the leftover .tmp file is never read
                }
            }
        }
    }

    /**
     * Deletes checkpoints below the previous budget: promotions only go up, so nothing reads them
     * again (the previous one stays for a rerun of this evaluation after a crash).
     */
    private void dropOlder(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "budget-*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                double b;
                try {
                    b = Double.parseDouble(name.substring("budget-".length(), name.length() - SUFFIX.length()));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (b < previousBudget && b != budget) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private Path file(double atBudget) {
        return file(directory, atBudget);
    }

    private static Path file(Path directory, double atBudget) {
        String b = atBudget == Math.rint(atBudget) && Math.abs(atBudget) < 1e15
                ? Long.toString((long) atBudget) : Double.toString(atBudget);
        return directory.resolve("budget-" + b + SUFFIX);
    }

    /** Warnings reach the console: a worker JVM's standard error is echoed by its coordinator. */
    private static void warn(String message) {
        System.err.println("hpo4j: warning: " + message);
    }
}
