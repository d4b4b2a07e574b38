/** The persistence adapter: the driven ports on PostgreSQL, and the database it starts and migrates. */
package dev.wfx.adapter.persistence;
