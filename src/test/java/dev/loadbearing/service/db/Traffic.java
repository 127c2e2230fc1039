package dev.loadbearing.service.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Clients calling in a loop, each call recorded, until {@link #stop}: the steady traffic a database fault is
 * injected under. Each client pauses {@code pauseMillis} between calls, so a service that answers 503 at once
 * is not flooded into its rate limit.
 */
public final class Traffic {
  private final List<Thread> clients = new ArrayList<>();
  private final List<Calls.Answer> answers = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean stopping;

  private Traffic() {
  }

  /** {@code call} makes the i-th call of a client (0, 1, 2...), so a client can cycle through routes. */
  public static Traffic start(String name, int clients, long pauseMillis, Function<Integer, Calls.Answer> call) {
    Traffic traffic = new Traffic();
    for (int c = 0; c < clients; c++) {
      int offset = c;
      Thread client = new Thread(() -> {
        for (int i = offset; !traffic.stopping; i++) {
          traffic.answers.add(call.apply(i));
          sleep(pauseMillis);
        }
      }, name + "-" + c);
      client.setDaemon(true);
      traffic.clients.add(client);
      client.start();
    }
    return traffic;
  }

  /** Stops the clients, waits for their last calls, and returns every answer in the order the calls started. */
  public List<Calls.Answer> stop() {
    stopping = true;
    for (Thread client : clients) {
      try {
        client.join(TimeUnit.SECONDS.toMillis(Calls.HANG.toSeconds() + 5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (answers) {
      List<Calls.Answer> sorted = new ArrayList<>(answers);
      sorted.sort((a, b) -> Long.compare(a.startedAt(), b.startedAt()));
      return sorted;
    }
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
