package io.neutrino.server.agent.scheduler;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failover check run every {@code interval} on its own daemon thread (Neutron's
 * add_agent_status_check_worker): the first run comes after a random delay between one and two
 * intervals, so that agents get to report after a server start and several servers do not check
 * in step. A failing run is logged and the next one still happens.
 */
final class PeriodicCheck {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicCheck.class);

  private final String name;
  private final Runnable task;
  private final Duration interval;
  private ScheduledExecutorService executor;

  PeriodicCheck(String name, Runnable task, Duration interval) {
    this.name = name;
    this.task = task;
    this.interval = interval;
  }

  synchronized void start() {
    if (executor != null) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    long every = interval.toMillis();
    long first = every + ThreadLocalRandom.current().nextLong(every + 1);
    executor.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("{} failed", name, e);
      }
    }, first, every, TimeUnit.MILLISECONDS);
  }

  synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }
}
