/**
 * Plumbing shared by the repositories: the embedded server (closed to every local user but wfx's
 * own), the self-reviving pool, listening for notifications on a connection of its own, and SQL
 * value conversions.
 */
package dev.wfx.adapter.persistence.database;
