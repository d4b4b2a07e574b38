/** The audit resource: admins read who recorded which history batch, when, and what became of it. */
package dev.wfx.adapter.rest.audit;
