package dev.wfx.adapter.persistence.database;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A connection of its own that LISTENs on one channel and tells its owner whenever what the owner
 * read from the database may have changed: on every notification, when the connection is lost
 * (notifications are missed from then on), and when LISTEN is in place again.
 *
 * <p>The owner may trust what it read only while {@link #isCurrent()}: listening, and heard from
 * within the {@link #LEASE}. A heartbeat every {@link #HEARTBEAT} renews it; PostgreSQL delivers
 * the notifications of every transaction committed before a heartbeat ahead of its answer, so a
 * database gone silent (a cut network, no reset) stops the listener being current after the
 * lease at most, long before the socket would time out. A lost connection is re-opened on a short
 * backoff.
 */
public final class ChannelListener implements AutoCloseable {

  /** Opens a new connection, never a pooled one: a LISTEN lasts as long as its session. */
  @FunctionalInterface
  public interface Connector {
    Connection open() throws SQLException;
  }

  static final Duration HEARTBEAT = Duration.ofSeconds(1);
  static final Duration LEASE = Duration.ofSeconds(3);
  private static final Duration FIRST_RETRY = Duration.ofMillis(100);
  private static final Duration LAST_RETRY = Duration.ofSeconds(2);
  private static final Duration STOP_WAIT = Duration.ofSeconds(2);
  // The channel is spliced into LISTEN, which takes no parameter.
  private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private static final System.Logger LOG = System.getLogger(ChannelListener.class.getName());

  private final String channel;
  private final Connector connector;
  private final Runnable changed;
  private final Object lifecycle = new Object();
  private volatile Thread thread;
  private volatile boolean closed;
  private volatile Connection connection;
  private volatile boolean listening;
  private volatile long confirmedUntilNanos;
  // Touched by the listening thread only.
  private Duration retry = FIRST_RETRY;
  private boolean warned;

  /**
   * @param changed run on the listening thread whenever what was read before may be out of date;
   *     it must be quick
   */
  public ChannelListener(String channel, Connector connector, Runnable changed) {
    if (!CHANNEL.matcher(Objects.requireNonNull(channel, "channel")).matches()) {
      throw new IllegalArgumentException("a channel is a lower-case identifier, was " + channel);
    }
    this.channel = channel;
    this.connector = Objects.requireNonNull(connector, "connector");
    this.changed = Objects.requireNonNull(changed, "changed");
  }

  /** Starts listening on a daemon thread; does nothing when started already or closed. */
  public void start() {
    if (thread != null || closed) {
      return;
    }
    synchronized (lifecycle) {
      if (thread == null && !closed) {
        thread = Thread.ofPlatform().daemon().name("wfx-listen-" + channel).start(this::run);
      }
    }
  }

  /** Whether every change committed until a moment ago has been told: listening, within the lease. */
  public boolean isCurrent() {
    return listening && System.nanoTime() - confirmedUntilNanos < 0;
  }

  private void run() {
    while (!closed) {
      try {
        listen();
      } catch (SQLException | RuntimeException e) {
        boolean wasListening = listening;
        // Distrust first, then tell: an owner that sees itself told may still see it current.
        listening = false;
        changed.run();
        if (closed) {
          return;
        }
        if (wasListening || !warned) {
          LOG.log(
              Level.WARNING,
              "not listening on channel "
                  + channel
                  + " ("
                  + e.getMessage()
                  + "); what depends on it reads the database until it is back");
          warned = true;
          retry = FIRST_RETRY;
        } else {
          LOG.log(Level.DEBUG, "listening on channel " + channel + " failed again", e);
        }
        if (!pause(retry)) {
          return;
        }
        Duration doubled = retry.multipliedBy(2);
        retry = doubled.compareTo(LAST_RETRY) < 0 ? doubled : LAST_RETRY;
      }
    }
  }

  /** Listens until closed; throws when the connection fails. */
  private void listen() throws SQLException {
    try (Connection opened = connector.open()) {
      connection = opened;
      // close() may have run before the connection was published, and then not aborted it.
      if (closed) {
        return;
      }
      PGConnection notices = opened.unwrap(PGConnection.class);
      try (Statement statement = opened.createStatement()) {
        statement.execute("LISTEN " + channel);
        // Changes committed while nobody listened were not told.
        changed.run();
        heartbeat(statement, notices);
        listening = true;
        LOG.log(Level.INFO, "listening on channel " + channel);
        warned = false;
        while (!closed) {
          tell(notices.getNotifications(Math.toIntExact(HEARTBEAT.toMillis())));
          heartbeat(statement, notices);
        }
      }
    } finally {
      connection = null;
    }
  }

  private void heartbeat(Statement statement, PGConnection notices) throws SQLException {
    long sent = System.nanoTime();
    statement.execute("SELECT 1");
    tell(notices.getNotifications());
    confirmedUntilNanos = sent + LEASE.toNanos();
  }

  private void tell(PGNotification[] notifications) {
    if (notifications != null && notifications.length > 0) {
      changed.run();
    }
  }

  private boolean pause(Duration duration) {
    try {
      Thread.sleep(duration);
      return !closed;
    } catch (InterruptedException e) {
      return false;
    }
  }

  /** Stops listening: closes the connection and ends the thread. */
  @Override
  public void close() {
    Thread running;
    synchronized (lifecycle) {
      closed = true;
      running = thread;
    }
    listening = false;
    Connection open = connection;
    if (open != null) {
      try {
        // Unlike close(), abort does not wait for the thread reading the socket.
        open.abort(Runnable::run);
      } catch (SQLException e) {
        LOG.log(Level.DEBUG, "aborting the listening connection failed", e);
      }
    }
    if (running != null) {
      running.interrupt();
      try {
        running.join(STOP_WAIT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
