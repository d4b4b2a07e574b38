package dev.wfx.adapter.rest.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.domain.execution.ExecutionId;
import dev.wfx.domain.execution.RunId;
import dev.wfx.domain.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenderedDocumentsTest {

  private static final ExecutionId EXECUTION =
      ExecutionId.parse("4f1f0c1e-3d7b-4a8e-9a57-6c1d2e3f4a5b").orElseThrow();
  private static final WorkspaceId WS_A = WorkspaceId.of("ws-a");
  private static final RunKey ID = new RunKey(WS_A, EXECUTION, RunId.of("run-1"));

  private final AtomicInteger renderings = new AtomicInteger();

  private Optional<RenderedDocument> renderAt(long version, int size) {
    renderings.incrementAndGet();
    return Optional.of(new RenderedDocument(ID, version, false, new byte[size]));
  }

  @Test
  void givenAHeldVersion_whenTheSameVersionIsAsked_thenItIsServedWithoutRendering() {
    RenderedDocuments documents = new RenderedDocuments(1024);
    RenderedDocument first = documents.atLeast(ID, 3, () -> renderAt(3, 10)).orElseThrow();

    RenderedDocument second = documents.atLeast(ID, 3, () -> renderAt(3, 10)).orElseThrow();

    assertSame(first, second);
    assertEquals(1, renderings.get());
  }

  @Test
  void givenAHeldVersion_whenANewerVersionIsAsked_thenItIsRenderedAndReplacesTheOldOne() {
    RenderedDocuments documents = new RenderedDocuments(1024);
    documents.atLeast(ID, 3, () -> renderAt(3, 10));

    RenderedDocument newer = documents.atLeast(ID, 4, () -> renderAt(4, 10)).orElseThrow();

    assertEquals(4, newer.version());
    assertEquals(2, renderings.get());
    assertEquals(4, documents.held(ID).orElseThrow().version());
  }

  @Test
  void givenADocumentLargerThanTheCache_whenRendered_thenItIsServedButNotHeld() {
    RenderedDocuments documents = new RenderedDocuments(100);

    Optional<RenderedDocument> served = documents.atLeast(ID, 3, () -> renderAt(3, 101));

    assertTrue(served.isPresent());
    assertFalse(documents.held(ID).isPresent());
  }

  @Test
  void givenNoCache_whenRead_thenEveryReadRenders() {
    RenderedDocuments documents = new RenderedDocuments(0);

    documents.atLeast(ID, 3, () -> renderAt(3, 1));
    documents.atLeast(ID, 3, () -> renderAt(3, 1));

    assertEquals(2, renderings.get());
  }

  @Test
  void givenManyConcurrentReaders_whenNothingIsHeld_thenTheyShareOneRendering() throws Exception {
    RenderedDocuments documents = new RenderedDocuments(1024);
    CountDownLatch rendering = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      Future<Optional<RenderedDocument>> leader =
          pool.submit(
              () ->
                  documents.atLeast(
                      ID,
                      3,
                      () -> {
                        rendering.countDown();
                        await(release);
                        return renderAt(3, 10);
                      }));
      assertTrue(rendering.await(10, TimeUnit.SECONDS));
      List<Future<Optional<RenderedDocument>>> followers = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        followers.add(pool.submit(() -> documents.atLeast(ID, 3, () -> renderAt(3, 10))));
      }
      release.countDown();

      RenderedDocument rendered = leader.get(10, TimeUnit.SECONDS).orElseThrow();
      for (Future<Optional<RenderedDocument>> follower : followers) {
        assertSame(rendered, follower.get(10, TimeUnit.SECONDS).orElseThrow());
      }
      assertEquals(1, renderings.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void givenTags_whenCompared_thenTheVersionTheRunTheKindAndWeakFormsCount() {
    String tag = EntityTags.of(ID, 3, EntityTags.DOCUMENT);
    RunKey other = new RunKey(WS_A, ExecutionId.of("other-execution"), RunId.of("run-1"));
    RunKey otherWorkspace = new RunKey(WorkspaceId.of("ws-b"), EXECUTION, RunId.of("run-1"));
    RunKey otherRun = new RunKey(WS_A, EXECUTION, RunId.of("run-2"));

    assertTrue(EntityTags.noneMatchHits(List.of("W/" + tag), tag));
    assertTrue(EntityTags.noneMatchHits(List.of("\"x\" , " + tag), tag));
    assertTrue(EntityTags.noneMatchHits(List.of("*"), tag));
    assertFalse(EntityTags.noneMatchHits(List.of(EntityTags.of(ID, 4, EntityTags.DOCUMENT)), tag));
    for (RunKey another : List.of(other, otherWorkspace, otherRun)) {
      assertFalse(
          EntityTags.noneMatchHits(List.of(EntityTags.of(another, 3, EntityTags.DOCUMENT)), tag));
    }
    assertFalse(EntityTags.noneMatchHits(List.of(EntityTags.of(ID, 3, EntityTags.HISTORY)), tag));
    assertFalse(EntityTags.noneMatchHits(List.of(), tag));
  }

  /** Redaction masks more since format 2: a client must not keep a document format 1 served. */
  @Test
  void givenATagOfTheFormatBeforeTheWiderRedaction_whenCompared_thenItNoLongerMatches() {
    String tag = EntityTags.of(ID, 3, EntityTags.DOCUMENT);
    String formatOne = tag.replaceFirst("^\"\\d+-", "\"1-");

    assertFalse(EntityTags.noneMatchHits(List.of(formatOne), tag), formatOne);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the rendering");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
