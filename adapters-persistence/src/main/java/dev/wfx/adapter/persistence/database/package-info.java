/** Plumbing shared by the repositories: the embedded server and SQL value conversions. */
package dev.wfx.adapter.persistence.database;
