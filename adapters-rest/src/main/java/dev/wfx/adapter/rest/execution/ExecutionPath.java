package dev.wfx.adapter.rest.execution;

import dev.wfx.adapter.rest.error.ApiProblem;
import io.helidon.http.Status;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A request path of the workflow-execution resource, read from the raw (still percent-encoded)
 * path: Helidon decodes {@code %2F} before routing, so an id holding a slash can only be told apart
 * from the path's own slashes here.
 *
 * @param rawWorkspace the {@code /workspaces/{workspace_id}} segment, still encoded; null without
 * @param rawId the execution id segment, still encoded
 * @param history whether the path ends in {@code /history}
 */
record ExecutionPath(String rawWorkspace, String rawId, boolean history) {

  static final String COLLECTION = "workflow-executions";
  static final String WORKSPACES = "workspaces";
  static final String HISTORY = "history";
  static final String NO_RESOURCE = "There is no resource at this path.";

  /** The path's parts, or empty when it is not a path of this resource. */
  static Optional<ExecutionPath> parse(String rawPath) {
    String[] segments = rawPath.split("/", -1);
    // A raw path starts with '/', so segments[0] is always empty.
    if (segments.length < 3 || !segments[0].isEmpty()) {
      return Optional.empty();
    }
    int at = 1;
    String workspace = null;
    if (WORKSPACES.equals(segments[at]) && segments.length >= 5) {
      workspace = segments[at + 1];
      at += 2;
    }
    if (!COLLECTION.equals(segments[at])) {
      return Optional.empty();
    }
    int rest = segments.length - at - 1;
    String id = segments[at + 1];
    if (id.isEmpty() || (workspace != null && workspace.isEmpty())) {
      return Optional.empty();
    }
    if (rest == 1) {
      return Optional.of(new ExecutionPath(workspace, id, false));
    }
    if (rest == 2 && HISTORY.equals(segments[at + 2])) {
      return Optional.of(new ExecutionPath(workspace, id, true));
    }
    return Optional.empty();
  }

  /**
   * The detail of the 404 for a path under this resource that {@link #parse} does not take. When
   * more segments than one follow {@code /workflow-executions/} (a trailing {@code /history} aside),
   * the execution id's {@code /} most likely came unencoded, and the detail says how to send it.
   */
  static String noResourceDetail(String rawPath) {
    return idWithRawSlash(rawPath)
        ? NO_RESOURCE
            + " An execution id containing '/' is sent with it encoded as %2F"
            + " (wf_<id>%2Fexec_<id>)."
        : NO_RESOURCE;
  }

  private static boolean idWithRawSlash(String rawPath) {
    List<String> segments = Arrays.asList(rawPath.split("/", -1));
    int at = segments.size() >= 5 && WORKSPACES.equals(segments.get(1)) ? 3 : 1;
    if (segments.size() <= at + 2 || !COLLECTION.equals(segments.get(at))) {
      return false;
    }
    List<String> idSegments = segments.subList(at + 1, segments.size());
    if (HISTORY.equals(idSegments.getLast())) {
      idSegments = idSegments.subList(0, idSegments.size() - 1);
    }
    return idSegments.size() >= 2 && idSegments.stream().noneMatch(String::isEmpty);
  }

  /**
   * The execution id, percent-decoded; decoded once more when a {@code %2F} is left, since
   * Tracecat's UI encodes ids twice ({@code %252F}).
   */
  String id() {
    String once = decode(rawId, "execution id");
    return once.contains("%2F") || once.contains("%2f") ? decode(once, "execution id") : once;
  }

  /** The workspace segment, percent-decoded; empty for the unscoped path. */
  Optional<String> workspace() {
    return Optional.ofNullable(rawWorkspace).map(raw -> decode(raw, "workspace id"));
  }

  /** Strict percent-decoding to UTF-8 ({@code +} is a plus in a path). */
  static String decode(String raw, String what) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '%') {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
      int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
      if (low < 0) {
        throw malformed(what);
      }
      bytes.write(high * 16 + low);
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw malformed(what);
    }
  }

  private static ApiProblem malformed(String what) {
    return ApiProblem.of(
        Status.BAD_REQUEST_400, "The " + what + " in the path is not validly percent-encoded.");
  }
}
