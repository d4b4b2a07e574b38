/** RFC 9457 problem documents: the one shape every error of the API takes on the wire. */
package dev.wfx.adapter.rest.error;
