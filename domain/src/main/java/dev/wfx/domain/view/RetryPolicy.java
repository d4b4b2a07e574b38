package dev.wfx.domain.view;

/**
 * An action's retry policy as the document shows it (spec §2.3).
 *
 * @param retryUntil null when unset
 */
public record RetryPolicy(long maxAttempts, long timeout, String retryUntil) {

  public static final RetryPolicy DEFAULT = new RetryPolicy(1, 300, null);
}
