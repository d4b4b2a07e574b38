package dev.wfx.domain.execution;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Value object: the id of a workflow execution, in one of the forms of spec §3, spelled canonically.
 *
 * <p>The id is the Temporal workflow id; Tracecat's forms are recognised so that their parts can be
 * named, and any other Temporal id is accepted as well. Tracecat's forms take either separator, and
 * {@link #parse} gives them one spelling ({@code wf_…/exec_…}, {@code wf_…/sch-…}, {@code
 * wf-…:exec-…}, {@code wf-…:sch-…}), so that the two spellings of one id cannot name two executions.
 */
public record ExecutionId(String value, Form form) {

  /** The forms spec §3 accepts, most specific first. */
  public enum Form {
    /** {@code wf-<32 hex>:exec-<id>} (or with {@code /}), the seed era's form. */
    LEGACY_TRACECAT,
    /** {@code wf_<22 base62>/exec_<22 base62>} (or with {@code :}). */
    TRACECAT,
    /** {@code wf_…/sch-<32 hex>-<RFC 3339 time>} and {@code wf-…:sch-…}: a scheduled run. */
    SCHEDULED,
    /** Any other Temporal workflow id. */
    TEMPORAL
  }

  public static final String ACCEPTED_FORMS =
      "wf-<32 lowercase hex>:exec-<[A-Za-z0-9_-]+> (or with '/'), "
          + "wf_<22 base62>/exec_<22 base62> (or with ':'), "
          + "wf_<22 base62>/sch-<32 hex>-<RFC 3339 timestamp> (or wf-<32 hex>:sch-…), "
          + "or any Temporal workflow id matching ^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,254}$";

  private static final String TIMESTAMP =
      "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})";
  private static final String LEGACY_WORKFLOW = "wf-[0-9a-f]{32}";
  private static final int LEGACY_WORKFLOW_LENGTH = 3 + 32;
  private static final String WORKFLOW = "wf_[0-9A-Za-z]{22}";
  private static final int WORKFLOW_LENGTH = 3 + 22;
  private static final Pattern LEGACY =
      Pattern.compile(LEGACY_WORKFLOW + "[:/]exec-[A-Za-z0-9_-]{1,200}");
  private static final Pattern CURRENT = Pattern.compile(WORKFLOW + "[/:]exec_[0-9A-Za-z]{22}");
  private static final Pattern SCHEDULED_RUN =
      Pattern.compile(
          "(" + WORKFLOW + "|" + LEGACY_WORKFLOW + ")[/:]sch-[0-9a-f]{32}-" + TIMESTAMP);
  private static final Pattern TEMPORAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,254}");
  private static final Pattern TRACECAT_WORKFLOW_PART = Pattern.compile("(wf[_-][^/:]+)[/:].*");

  public ExecutionId {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(form, "form");
    if (formOf(value).orElse(null) != form) {
      throw new IllegalArgumentException("'" + value + "' is not an execution id of form " + form);
    }
    if (!canonical(value, form).equals(value)) {
      throw new IllegalArgumentException(
          "'" + value + "' is not spelled canonically; it is " + canonical(value, form));
    }
  }

  /**
   * Reads an id after percent-decoding, in its canonical spelling; empty when it has none of the
   * accepted forms.
   */
  public static Optional<ExecutionId> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return formOf(text).map(form -> new ExecutionId(canonical(text, form), form));
  }

  /**
   * Tracecat's separator after the workflow part: {@code /} for {@code wf_…}, {@code :} for the
   * legacy {@code wf-…}. The workflow parts have a fixed length, so the separator's place is known;
   * the rest (a schedule's timestamp holds colons) stays as it is.
   */
  private static String canonical(String text, Form form) {
    if (form == Form.TEMPORAL) {
      return text;
    }
    boolean legacy = text.startsWith("wf-");
    int at = legacy ? LEGACY_WORKFLOW_LENGTH : WORKFLOW_LENGTH;
    char separator = legacy ? ':' : '/';
    if (text.charAt(at) == separator) {
      return text;
    }
    return text.substring(0, at) + separator + text.substring(at + 1);
  }

  /** For ids known to be valid (tests, stored data). */
  public static ExecutionId of(String text) {
    return parse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'" + text + "' is not an execution id; accepted: " + ACCEPTED_FORMS));
  }

  /**
   * The Tracecat workflow part of a workflow id ({@code wf_…} or {@code wf-…}, the text before the
   * first {@code /} or {@code :}), if it is one.
   */
  public static Optional<String> tracecatWorkflowPart(String workflowId) {
    var matcher = TRACECAT_WORKFLOW_PART.matcher(workflowId);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  private static Optional<Form> formOf(String text) {
    if (text.length() > 512) {
      return Optional.empty();
    }
    if (LEGACY.matcher(text).matches()) {
      return Optional.of(Form.LEGACY_TRACECAT);
    }
    if (CURRENT.matcher(text).matches()) {
      return Optional.of(Form.TRACECAT);
    }
    if (SCHEDULED_RUN.matcher(text).matches()) {
      return Optional.of(Form.SCHEDULED);
    }
    if (TEMPORAL_ID.matcher(text).matches()) {
      return Optional.of(Form.TEMPORAL);
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
