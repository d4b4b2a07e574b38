package dev.wfx.adapter.rest.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wfx.adapter.rest.execution.WriteAdmission.Admission;
import dev.wfx.domain.access.ApiKeyId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WriteAdmissionTest {

  private static final ApiKeyId KEY_A = new ApiKeyId("aaaaaaaa");
  private static final ApiKeyId KEY_B = new ApiKeyId("bbbbbbbb");
  private static final ApiKeyId KEY_C = new ApiKeyId("cccccccc");

  private final WriteAdmission admission = new WriteAdmission(new WriteLimits(100, 3, 2));

  @Test
  void givenAKeyWithAsManyWritesAsItMayHave_whenItWritesAgain_thenItIsRefusedAndOthersAreNot() {
    admitted(KEY_A);
    Admission.Admitted second = admitted(KEY_A);

    Admission third = admission.admit(KEY_A);

    assertEquals(
        new Admission.Refused("this key has 2 writes in flight, the most one key may have"), third);
    admitted(KEY_B);
    second.close();
    admitted(KEY_A);
  }

  @Test
  void givenTheServiceAtItsLimit_whenAnotherKeyWrites_thenItIsRefusedUntilAPlaceIsFree() {
    Admission.Admitted first = admitted(KEY_A);
    admitted(KEY_A);
    admitted(KEY_B);

    assertEquals(
        new Admission.Refused("the service has 3 writes in flight, the most it takes"),
        admission.admit(KEY_C));

    first.close();
    admitted(KEY_C);
    // A refusal by the service gives the key's own place back: KEY_C still has one more.
    assertInstanceOf(Admission.Refused.class, admission.admit(KEY_C));
  }

  @Test
  void givenManyThreadsWriting_whenEachReleases_thenNeverMoreThanTheLimitsAreInFlight()
      throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Future<?>> writers = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 8; i++) {
        ApiKeyId key = i % 2 == 0 ? KEY_A : KEY_B;
        writers.add(
            threads.submit(
                () -> {
                  for (int n = 0; n < 2_000; n++) {
                    if (admission.admit(key) instanceof Admission.Admitted place) {
                      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                      inFlight.decrementAndGet();
                      place.close();
                    }
                  }
                }));
      }
      for (Future<?> writer : writers) {
        writer.get();
      }
    }
    assertTrue(most.get() <= 3, "at most 3 in flight, saw " + most.get());
    // Every place was given back.
    for (int i = 0; i < 3; i++) {
      admitted(i < 2 ? KEY_A : KEY_B);
    }
  }

  private Admission.Admitted admitted(ApiKeyId key) {
    return assertInstanceOf(Admission.Admitted.class, admission.admit(key));
  }
}
