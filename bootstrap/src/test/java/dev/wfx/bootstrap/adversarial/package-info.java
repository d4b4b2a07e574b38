/**
 * The adversarial suite: attacks on the running service (real socket, real PostgreSQL) that must
 * all fail cleanly — isolation, hostile input, resource limits, secrets in logs and answers.
 */
package dev.wfx.bootstrap.adversarial;
