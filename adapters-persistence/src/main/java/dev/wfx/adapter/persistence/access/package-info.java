/** The {@code ApiKeys} port on PostgreSQL. */
package dev.wfx.adapter.persistence.access;
