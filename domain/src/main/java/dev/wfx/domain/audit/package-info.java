/**
 * The audit trail of writes, the driven port that keeps each write's entry (who recorded which
 * batch of which execution, when, and with what outcome) and reads the latest.
 */
package dev.wfx.domain.audit;
