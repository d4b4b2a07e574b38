package dev.wfx.adapter.persistence.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.io.PrintWriter;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connection pool, replaced by a fresh one as soon as the database answers again after an
 * outage.
 *
 * <p>HikariCP re-opens connections after an outage on a backoff that doubles up to a fixed 5 s, so
 * a database that is back could stay unused for seconds. While the pool holds no connection, a
 * probe opens one plain connection every {@link #PROBE_PERIOD}, and so it does while callers wait
 * for a connection and none is in use (the pool holds only dead ones, or none yet); when the probe
 * succeeds, a new pool (with no backoff behind it) takes over and the old one is closed.
 */
public final class ReconnectingDataSource implements DataSource, AutoCloseable {

  static final Duration PROBE_PERIOD = Duration.ofMillis(250);

  private static final System.Logger LOG = System.getLogger(ReconnectingDataSource.class.getName());

  private final HikariConfig config = new HikariConfig();
  private final AtomicReference<HikariDataSource> pool;
  private final ScheduledExecutorService prober;

  public ReconnectingDataSource(HikariDataSource first) {
    Objects.requireNonNull(first, "first");
    first.copyStateTo(config);
    this.pool = new AtomicReference<>(first);
    this.prober =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "wfx-pool-reviver");
              thread.setDaemon(true);
              return thread;
            });
    prober.scheduleWithFixedDelay(
        this::reviveIfEmpty,
        PROBE_PERIOD.toMillis(),
        PROBE_PERIOD.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The pool in use now. */
  public HikariDataSource pool() {
    return pool.get();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return pool.get().getConnection();
  }

  private void reviveIfEmpty() {
    HikariDataSource current = pool.get();
    HikariPoolMXBean bean = current.getHikariPoolMXBean();
    if (current.isClosed() || bean == null || !starved(bean)) {
      return;
    }
    try (Connection probe = DriverManager.getConnection(config.getJdbcUrl(), driverProperties(config))) {
      probe.isValid(1);
    } catch (SQLException stillDown) {
      return;
    }
    try {
      HikariDataSource fresh = new HikariDataSource(copyOfConfig());
      if (pool.compareAndSet(current, fresh)) {
        LOG.log(Level.INFO, "the database answers again; connections re-opened");
        current.close();
      } else {
        fresh.close();
      }
    } catch (RuntimeException notYet) {
      // The database went away again between the probe and the new pool: the next probe retries.
      LOG.log(Level.DEBUG, "re-opening connections failed", notYet);
    }
  }

  /**
   * The pool holds no connection, or callers wait while none is in use: what an outage leaves
   * behind (a pool that is merely busy has its connections in use, and is left alone).
   */
  private static boolean starved(HikariPoolMXBean bean) {
    return bean.getTotalConnections() == 0
        || (bean.getThreadsAwaitingConnection() > 0 && bean.getActiveConnections() == 0);
  }

  /** The pool's driver settings and credentials, as the driver reads them on a plain connect. */
  public static Properties driverProperties(HikariConfig config) {
    Properties properties = new Properties();
    // The driver reads String values only: a timeout kept as an Integer would be ignored, and a
    // probe of a database that does not answer would wait for the operating system instead.
    config
        .getDataSourceProperties()
        .forEach((name, value) -> properties.setProperty(String.valueOf(name), String.valueOf(value)));
    if (config.getUsername() != null) {
      properties.setProperty("user", config.getUsername());
    }
    if (config.getPassword() != null) {
      properties.setProperty("password", config.getPassword());
    }
    return properties;
  }

  private HikariConfig copyOfConfig() {
    HikariConfig copy = new HikariConfig();
    config.copyStateTo(copy);
    return copy;
  }

  /** Stops probing and closes the pool in use. */
  @Override
  public void close() {
    prober.shutdownNow();
    pool.get().close();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("connections come with the configured user");
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return pool.get().getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool.get().setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.get().setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return pool.get().getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pool.get().getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return pool.get().unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return pool.get().isWrapperFor(type);
  }
}
