/**
 * Deployment tests (issue #17): wfx through a real PgBouncer, a backup restored with {@code
 * pg_restore}, and the container image and compose file.
 */
package dev.wfx.bootstrap.deployment;
