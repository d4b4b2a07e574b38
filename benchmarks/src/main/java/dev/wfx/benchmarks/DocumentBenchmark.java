package dev.wfx.benchmarks;

import dev.wfx.adapter.rest.execution.WorkflowExecutionJson;
import dev.wfx.adapter.rest.execution.WriteLimits;
import dev.wfx.adapter.rest.temporal.TemporalHistoryTranslator;
import dev.wfx.adapter.rest.temporal.Translation;
import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.WorkflowExecution;
import dev.wfx.domain.redaction.CredentialRedactor;
import dev.wfx.domain.view.ExecutionDocument;
import dev.wfx.domain.view.ExecutionDocuments;
import dev.wfx.domain.workspace.WorkspaceId;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: the in-process hot path of a read that misses the held renderings, history (already
 * loaded) to document to bytes, for each history size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class DocumentBenchmark {

  @Param({"10", "100", "1000", "10000"})
  public int events;

  private WorkflowExecution execution;
  private ExecutionDocument document;
  private final WorkflowExecutionJson json = new WorkflowExecutionJson(CredentialRedactor::redact);

  @Setup
  public void setUp() {
    String id = TracecatHistories.executionId("closed-" + events);
    Translation translation =
        new TemporalHistoryTranslator(WriteLimits.DEFAULT_MAX_BATCH_EVENTS).translate(TracecatHistories.closed(events, id));
    if (!(translation instanceof Translation.Translated translated)) {
      throw new IllegalStateException("the generated history does not translate: " + translation);
    }
    execution =
        WorkflowExecution.restore(
            ExecutionId.parse(id).orElseThrow(), WorkspaceId.of("bench"), translated.events());
    document = ExecutionDocuments.render(execution);
  }

  /** Rendering and encoding, as a read that must render does. */
  @Benchmark
  public long renderAndEncode() throws IOException {
    CountingStream out = new CountingStream();
    json.write(ExecutionDocuments.render(execution), out);
    return out.count;
  }

  /** Rendering only: the domain's share. */
  @Benchmark
  public ExecutionDocument render() {
    return ExecutionDocuments.render(execution);
  }

  /** Encoding only: the REST adapter's share. */
  @Benchmark
  public long encode() throws IOException {
    CountingStream out = new CountingStream();
    json.write(document, out);
    return out.count;
  }

  /** Discards what is written, so the benchmark measures producing the bytes, not storing them. */
  private static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      count += length;
    }
  }
}
