/** Typed Temporal history events and the value objects they carry, payloads as opaque JSON text. */
package dev.wfx.domain.history;
