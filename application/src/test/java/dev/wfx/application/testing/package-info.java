/** Test fixtures shared with the adapters' tests: in-memory fakes of the driven ports. */
package dev.wfx.application.testing;
