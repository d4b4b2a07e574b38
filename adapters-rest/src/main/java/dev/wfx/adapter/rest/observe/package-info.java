/** What every request passes first: its id, admission while shutting down, access log, metrics. */
package dev.wfx.adapter.rest.observe;
