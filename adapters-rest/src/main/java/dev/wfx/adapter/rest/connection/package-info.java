/**
 * Rules for a connection before its requests are routed: how long a client may take over a head,
 * and how a chunked body is framed.
 */
package dev.wfx.adapter.rest.connection;
