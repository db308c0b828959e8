package org.hpo4j.store;

/**
 * The study store cannot be reached right now: the connection to its database was lost or could not
 * be made (PostgreSQL SQL state class 08: the database restarted, a network outage). Nothing was
 * written by the failed call; the same call may succeed later, which is why a
 * {@link org.hpo4j.distributed.RemoteWorker} keeps its evaluations running and tries again. Every
 * other failure of a store is an {@link IllegalStateException} of another kind and is not retried.
 */
public class StoreUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** The store is unreachable for {@code cause}; {@code message} names the store. */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The store is unreachable; {@code message} names the store and why. */
    public StoreUnavailableException(String message) {
        super(message);
    }
}
