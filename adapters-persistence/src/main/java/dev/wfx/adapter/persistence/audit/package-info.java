/** The audit trail of history writes on PostgreSQL. */
package dev.wfx.adapter.persistence.audit;
