/** Limits on a connection before its request is routed: how long a client may take over a head. */
package dev.wfx.adapter.rest.connection;
