/** Migrations of the schema that need more than SQL: data moved by rules the domain owns. */
package dev.wfx.adapter.persistence.migration;
