/**
 * Masks the credentials that failures carry by accident, when a document is served (spec §6.6):
 * the shapes a credential is written in, the names that bear one, and the readings of a text in
 * which to look for them.
 */
package dev.wfx.domain.redaction;
