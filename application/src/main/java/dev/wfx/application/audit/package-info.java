/** Use cases of the audit trail: every history write is recorded, and admins read it back. */
package dev.wfx.application.audit;
