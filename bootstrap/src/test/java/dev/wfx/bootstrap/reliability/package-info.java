/** Fault, crash, race, shutdown and load tests of the whole service on real PostgreSQL (issue #6). */
package dev.wfx.bootstrap.reliability;
