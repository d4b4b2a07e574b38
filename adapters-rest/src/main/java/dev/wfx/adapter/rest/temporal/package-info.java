/** Anti-corruption layer: Temporal's history JSON translated into the domain's typed events. */
package dev.wfx.adapter.rest.temporal;
