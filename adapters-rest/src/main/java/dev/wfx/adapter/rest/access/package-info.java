/** Who is calling: the bearer API key of every request, authenticated through the use case. */
package dev.wfx.adapter.rest.access;
