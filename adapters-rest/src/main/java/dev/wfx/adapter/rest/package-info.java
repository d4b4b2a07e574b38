/** Driving adapter: the HTTP API of the service on Helidon SE, and what bootstrap wires into it. */
package dev.wfx.adapter.rest;
