/** Test fixtures of the REST adapter: the shared spec files, Temporal JSON builders, documents. */
package dev.wfx.adapter.rest.testing;
