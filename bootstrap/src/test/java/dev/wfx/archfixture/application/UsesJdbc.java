package dev.wfx.archfixture.application;

import java.sql.Connection;

/** Breaks the core's ignorance of frameworks: the application layer touches JDBC. */
public class UsesJdbc {
  public boolean isOpen(Connection connection) throws java.sql.SQLException {
    return !connection.isClosed();
  }
}
