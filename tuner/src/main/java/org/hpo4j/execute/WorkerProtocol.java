package org.hpo4j.execute;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The frames a coordinator and a worker JVM exchange over the worker's standard input and output.
 * Each frame is a magic number, a type byte and the type's fields (big-endian; strings as a length
 * and UTF-8 bytes). The magic number catches anything else that writes to the worker's standard
 * output (native code, say) instead of misreading it.
 */
final class WorkerProtocol {
    static final int MAGIC = 0x48504F34; // "HPO4"

    // coordinator -> worker
    /**
     * Run: jobId int, seed long, budget double, previousBudget double, workDirectory, checkpoint
     * folder of the configuration (empty string: no checkpoints), the recorded digest of the
     * checkpoint at previousBudget (empty string: none), configuration JSON.
     */
    static final byte RUN = 1;
    /** Finish the current evaluation's loop and exit. */
    static final byte SHUTDOWN = 2;
    /** Ask the running evaluation to stop early (its shouldStop() turns true): jobId int. */
    static final byte STOP = 3;

    // worker -> coordinator
    /** Ready for work: space fingerprint string, pid long. */
    static final byte READY = 10;
    /** Cannot start: cause string. */
    static final byte STARTUP_FAILED = 11;
    /** Intermediate value: jobId int, step double, value double. */
    static final byte REPORT = 12;
    /** The objective returned: jobId int, value double (possibly NaN). */
    static final byte RESULT = 13;
    /** The objective failed: jobId int, cause string, whether the worker exits now (boolean). */
    static final byte FAILED = 14;
    /** The objective loaded its checkpoint and continues: jobId int, the budget it continues from double. */
    static final byte CONTINUED = 15;
    /**
     * The objective returned several objectives or constraints: jobId int, objective values,
     * constraint values (each a count int and doubles).
     */
    static final byte SCORE = 16;

    private WorkerProtocol() {
    }

    static void begin(DataOutputStream out, byte type) throws IOException {
        out.writeInt(MAGIC);
        out.writeByte(type);
    }

    /** Reads the next frame's type; EOF when the stream ended between frames. */
    static byte nextType(DataInputStream in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException(String.format("corrupted worker protocol: got 0x%08x instead of a frame;"
                    + " something wrote to the worker's standard output outside System.out", magic));
        }
        return in.readByte();
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 64 << 20) {
            throw new IOException("corrupted worker protocol: string of length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void writeValues(DataOutputStream out, java.util.List<Double> values) throws IOException {
        out.writeInt(values.size());
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    static java.util.List<Double> readValues(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 1024) {
            throw new IOException("corrupted worker protocol: " + count + " values");
        }
        java.util.List<Double> values = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(in.readDouble());
        }
        return values;
    }

    static boolean isEnd(IOException e) {
        return e instanceof EOFException;
    }

    /** Writes a RUN frame of {@code task}, whose configuration is {@code configuration} encoded, and flushes. */
    static void writeRun(DataOutputStream out, Task task, String configuration) throws IOException {
        begin(out, RUN);
        out.writeInt(task.jobId());
        out.writeLong(task.seed());
        out.writeDouble(task.budget());
        out.writeDouble(task.previousBudget());
        writeString(out, task.workDirectory().toAbsolutePath().toString());
        writeString(out, task.checkpointDirectory() == null ? "" : task.checkpointDirectory().toAbsolutePath().toString());
        writeString(out, task.checkpointDigest() == null ? "" : task.checkpointDigest());
        writeString(out, configuration);
        out.flush();
    }
}
