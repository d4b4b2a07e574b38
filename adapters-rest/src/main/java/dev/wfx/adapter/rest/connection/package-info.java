/**
 * Rules for a connection before its requests are routed: how long a client may take over a head,
 * how a chunked body is framed, and that a connection asked to close ends after its answer.
 */
package dev.wfx.adapter.rest.connection;
