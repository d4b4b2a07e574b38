package dev.wfx.adapter.rest.observe;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Admission of requests: open while serving; once closed for a shutdown, new requests are refused
 * (503) while those already in flight finish, and the owner waits for them to drain.
 */
public final class ServiceGate {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private boolean open = true;
  private int inFlight;

  /** Admits a request, unless the gate is closed; an admitted request must {@link #leave()}. */
  public boolean enter() {
    lock.lock();
    try {
      if (!open) {
        return false;
      }
      inFlight++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** A request admitted by {@link #enter()} has been answered. */
  public void leave() {
    lock.lock();
    try {
      inFlight--;
      if (inFlight == 0) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Refuses every request from now on. */
  public void close() {
    lock.lock();
    try {
      open = false;
    } finally {
      lock.unlock();
    }
  }

  public boolean isOpen() {
    lock.lock();
    try {
      return open;
    } finally {
      lock.unlock();
    }
  }

  public int inFlight() {
    lock.lock();
    try {
      return inFlight;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until no admitted request is in flight, or the grace period is over.
   *
   * @return whether every request finished
   */
  public boolean awaitIdle(Duration grace) throws InterruptedException {
    long remaining = grace.toNanos();
    lock.lock();
    try {
      while (inFlight > 0) {
        if (remaining <= 0) {
          return false;
        }
        remaining = idle.awaitNanos(remaining);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }
}
