/** Benchmarks of wfx: realistic Tracecat histories, their loading, and the in-process hot path. */
package dev.wfx.benchmarks;
