package dev.wfx.adapter.persistence.database;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A connection of its own that LISTENs on one channel and tells its owner whenever what the owner
 * read from the database may have changed: on every notification, when the connection is lost
 * (notifications are missed from then on), and when LISTEN is in place again.
 *
 * <p>Once told, it confirms each notification on the channel {@code <channel>_seen} with the
 * payload {@code "<its backend pid> <payload>"}, so a process making a change can wait, through
 * {@link #confirmations()}, until every listening session has told its owner.
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
  private static final Duration CHECK_LISTENERS_EVERY = Duration.ofMillis(50);
  private static final Duration FIRST_RETRY = Duration.ofMillis(100);
  private static final Duration LAST_RETRY = Duration.ofSeconds(2);
  private static final Duration STOP_WAIT = Duration.ofSeconds(2);
  // The channel is spliced into LISTEN, which takes no parameter.
  private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Pattern CONFIRMATION =
      Pattern.compile("\\A([0-9]{1,9}) (.*)\\z", Pattern.DOTALL);

  private static final System.Logger LOG = System.getLogger(ChannelListener.class.getName());

  private final String channel;
  private final String sessionName;
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
   * @param owner names the owner in the session's {@code application_name}, after {@link
   *     #sessionPrefix}, for people reading {@code pg_stat_activity}
   * @param changed run on the listening thread whenever what was read before may be out of date;
   *     it must be quick
   */
  public ChannelListener(String channel, String owner, Connector connector, Runnable changed) {
    if (!CHANNEL.matcher(Objects.requireNonNull(channel, "channel")).matches()) {
      throw new IllegalArgumentException("a channel is a lower-case identifier, was " + channel);
    }
    this.channel = channel;
    this.sessionName = sessionPrefix(channel) + " " + Objects.requireNonNull(owner, "owner");
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

  /** How the sessions listening on a channel name themselves: {@code wfx listening on <channel>}. */
  public static String sessionPrefix(String channel) {
    return "wfx listening on " + channel;
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
        // No longer current before the owner is told: a lookup that starts after the telling
        // must not find the listener current still.
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
      try (Statement statement = opened.createStatement();
          // With nothing to confirm it is the heartbeat: one round trip, no notification.
          PreparedStatement confirm =
              opened.prepareStatement(
                  "SELECT pg_notify(?, pg_backend_pid() || ' ' || told)"
                      + " FROM unnest(?::text[]) AS told")) {
        opened.setClientInfo("ApplicationName", sessionName);
        statement.execute("LISTEN " + channel);
        // Changes committed while nobody listened were not told.
        changed.run();
        confirm.setString(1, channel + "_seen");
        List<String> told = List.of();
        while (!closed) {
          long sent = System.nanoTime();
          confirm.setArray(2, opened.createArrayOf("text", told.toArray()));
          confirm.execute();
          told = tell(notices.getNotifications());
          confirmedUntilNanos = sent + LEASE.toNanos();
          if (!listening) {
            listening = true;
            LOG.log(Level.INFO, "listening on channel " + channel);
            warned = false;
          }
          if (told.isEmpty()) {
            told = tell(notices.getNotifications(Math.toIntExact(HEARTBEAT.toMillis())));
          }
        }
      }
    } finally {
      connection = null;
    }
  }

  /** Tells the owner of the notifications, if any; returns their payloads, to be confirmed. */
  private List<String> tell(PGNotification[] notifications) {
    if (notifications == null || notifications.length == 0) {
      return List.of();
    }
    changed.run();
    List<String> payloads = new ArrayList<>(notifications.length);
    for (PGNotification notification : notifications) {
      payloads.add(notification.getParameter());
    }
    return payloads;
  }

  private boolean pause(Duration duration) {
    try {
      Thread.sleep(duration);
      return !closed;
    } catch (InterruptedException e) {
      return false;
    }
  }

  /**
   * Starts watching for confirmations, before a change is made; when no connection can be had, the
   * confirmations wait the lease out instead.
   */
  public Confirmations confirmations() {
    Connection watching = null;
    try {
      watching = connector.open();
      try (Statement statement = watching.createStatement()) {
        statement.execute("LISTEN " + channel + "_seen");
      }
      return new Confirmations(watching);
    } catch (SQLException e) {
      closeQuietly(watching);
      LOG.log(Level.DEBUG, "cannot watch for confirmations on channel " + channel, e);
      return new Confirmations(null);
    }
  }

  /** The confirmations of a change made after they were first watched for. */
  public final class Confirmations implements AutoCloseable {

    private final Connection watching;

    private Confirmations(Connection watching) {
      this.watching = watching;
    }

    /**
     * Returns once every session listening on the channel has confirmed the notification with
     * this payload, or has ended; after the lease at most, when a listener that has not told its
     * owner is no longer current anyway.
     */
    public void await(String payload) {
      long deadline = System.nanoTime() + LEASE.toNanos();
      if (watching != null) {
        try {
          awaitConfirmed(payload, deadline);
          return;
        } catch (SQLException e) {
          LOG.log(Level.DEBUG, "watching for confirmations on channel " + channel + " failed", e);
        }
      }
      try {
        Thread.sleep(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void awaitConfirmed(String payload, long deadline) throws SQLException {
      PGConnection notices = watching.unwrap(PGConnection.class);
      // Listeners that start after the change need not confirm it: a new LISTEN tells anyway.
      Set<Integer> waiting = listeners();
      while (!waiting.isEmpty()) {
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
          return;
        }
        PGNotification[] confirmed =
            notices.getNotifications(
                Math.toIntExact(Math.min(CHECK_LISTENERS_EVERY.toMillis(), leftMillis)));
        for (PGNotification confirmation : confirmed == null ? new PGNotification[0] : confirmed) {
          CONFIRMATION
              .matcher(confirmation.getParameter())
              .results()
              .filter(match -> match.group(2).equals(payload))
              .forEach(match -> waiting.remove(Integer.valueOf(match.group(1))));
        }
        if (!waiting.isEmpty()) {
          waiting.retainAll(listeners());
        }
      }
    }

    private Set<Integer> listeners() throws SQLException {
      try (PreparedStatement query =
          watching.prepareStatement(
              "SELECT pid FROM pg_stat_activity"
                  + " WHERE datname = current_database() AND starts_with(application_name, ?)")) {
        query.setString(1, sessionPrefix(channel));
        Set<Integer> pids = new HashSet<>();
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            pids.add(rows.getInt(1));
          }
        }
        return pids;
      }
    }

    @Override
    public void close() {
      closeQuietly(watching);
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.log(Level.DEBUG, "closing a connection failed", e);
      }
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
