package io.neutrino.it.dataplane;

/**
 * Outages of the machine's RabbitMQ. The broker is shared by everything on the machine, so it is
 * stopped with {@code rabbitmqctl stop_app} (the Erlang node stays up) for as short a time as the
 * test needs, and always started again: after the outage, on failure, and on JVM exit.
 */
final class Broker {
  private Broker() {}

  /** Stops the broker, runs {@code during}, starts the broker and waits until it serves again. */
  static void outage(Runnable during) {
    Thread restart = new Thread(Broker::startApp, "broker-restart");
    Runtime.getRuntime().addShutdownHook(restart);
    try {
      Lab.sh("rabbitmqctl", "-q", "stop_app");
      during.run();
    } finally {
      startApp();
      try {
        Runtime.getRuntime().removeShutdownHook(restart);
      } catch (IllegalStateException e) {
        // the JVM is exiting: the hook starts it (again, harmlessly)
      }
    }
  }

  private static void startApp() {
    Lab.trySh("rabbitmqctl", "-q", "start_app");
    Lab.trySh("rabbitmqctl", "-q", "await_startup");
  }
}
