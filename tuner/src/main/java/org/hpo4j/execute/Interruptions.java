package org.hpo4j.execute;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM for as long as a study runs: the first one calls a callback that ends
 * the study cleanly (stop the running evaluations, print the summary, write the best so far)
 * instead of the JVM's default, which exits at once; a second one does what the JVM would have
 * done. Closing restores the JVM's handlers.
 *
 * <p>Shutdown hooks are no substitute: they run while the JVM is already exiting, in parallel with
 * the other hooks (which kill the worker JVMs), and the JVM halts when they return.
 */
public final class Interruptions implements AutoCloseable {
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private Interruptions() {
    }

    /**
     * Calls {@code onFirst} on the first SIGINT or SIGTERM (on the JVM's signal thread: it should
     * only set a flag); the next signal goes to the handler that was there before. Signals the JVM
     * does not let us handle (it was started with {@code -Xrs}, or the shell ignores SIGINT for a
     * background job) are left alone.
     */
    public static Interruptions install(Runnable onFirst) {
        Interruptions installed = new Interruptions();
        AtomicBoolean fired = new AtomicBoolean();
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            SignalHandler[] before = new SignalHandler[1];
            try {
                before[0] = Signal.handle(signal, s -> {
                    if (!fired.getAndSet(true)) {
                        onFirst.run();
                    } else if (before[0] != SignalHandler.SIG_IGN && before[0] != SignalHandler.SIG_DFL) {
                        before[0].handle(s);
                    } else {
                        // the JVM's default for these signals: exit, running the shutdown hooks
                        Runtime.getRuntime().exit(128 + s.getNumber());
                    }
                });
            } catch (IllegalArgumentException e) {
                continue;
            }
            installed.signals.add(signal);
            installed.previous.add(before[0]);
        }
        return installed;
    }

    /**
     * Makes this JVM deaf to Ctrl-C: for worker JVMs, which a terminal's Ctrl-C reaches together with
     * their coordinator (one process group). The coordinator decides what happens to their evaluations
     * and ends them itself.
     */
    public static void ignoreCtrlC() {
        try {
            Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException e) {
            // not ours to handle; the default stays
        }
    }

    /** Puts the previous handlers back. */
    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            try {
                Signal.handle(signals.get(i), previous.get(i));
            } catch (IllegalArgumentException e) {
                // cannot happen for a signal we could handle before
            }
        }
    }
}
