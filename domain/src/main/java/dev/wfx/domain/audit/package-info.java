/** The audit trail of writes: who recorded which batch of which execution, when, and with what outcome. */
package dev.wfx.domain.audit;
