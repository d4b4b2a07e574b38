/** The composition root: configuration, wiring of adapters to use cases, and the launcher. */
package dev.wfx.bootstrap;
