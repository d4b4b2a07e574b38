/** The {@code Executions} port on PostgreSQL: execution rows and their history events. */
package dev.wfx.adapter.persistence.execution;
