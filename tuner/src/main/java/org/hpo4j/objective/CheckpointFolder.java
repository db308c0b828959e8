package org.hpo4j.objective;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
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
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.hpo4j.optimizer.Job;

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
     */
    public CheckpointFolder(Path directory, double budget, double previousBudget, String configuration) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.budget = budget;
        this.previousBudget = previousBudget;
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    /** The folder of a configuration under a study's checkpoint folder: {@code <root>/<iteration>-<bracket>-<index>}. */
    public static Path of(Path root, Job.ConfigId id) {
        return root.resolve(id.iteration() + "-" + id.bracket() + "-" + id.index());
    }

    /** The configuration's folder, created if needed (for files of the objective's own). */
    public Path directory() {
        try {
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
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(stored.get().payload),
                type.getClassLoader())) {
            value = in.readObject();
        } catch (IOException | ClassNotFoundException e) {
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

    /** Deletes a study's checkpoint folder and everything in it (a study that starts afresh). */
    public static void deleteAll(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the stale checkpoints in " + root, e);
        }
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
        String b = atBudget == Math.rint(atBudget) && Math.abs(atBudget) < 1e15
                ? Long.toString((long) atBudget) : Double.toString(atBudget);
        return directory.resolve("budget-" + b + SUFFIX);
    }

    /** Resolves classes with the objective's class loader first (a plugin's class realm may not see them). */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            for (ClassLoader l : new ClassLoader[] {loader, Thread.currentThread().getContextClassLoader()}) {
                if (l != null) {
                    try {
                        return Class.forName(desc.getName(), false, l);
                    } catch (ClassNotFoundException e) {
                        // try the next loader
                    }
                }
            }
            return super.resolveClass(desc);
        }
    }
}
