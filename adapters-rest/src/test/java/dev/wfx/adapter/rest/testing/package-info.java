/** Test fixtures of the REST adapter: the repository's schema and sample histories, Temporal JSON builders, documents. */
package dev.wfx.adapter.rest.testing;
