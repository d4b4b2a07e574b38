package dev.wfx.domain.execution;

/**
 * Failure of a driven port: the store cannot be reached or did not answer in time, so nothing was
 * read and an append may not have happened; the caller may try again later.
 *
 * <p>It is the one failure the ports share on purpose, so that a driving adapter can tell a
 * passing outage (answer "try again") from a fault (answer "our bug") without knowing the store.
 */
public final class StoreUnavailable extends RuntimeException {

  public StoreUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
