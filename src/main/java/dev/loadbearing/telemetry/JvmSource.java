package dev.loadbearing.telemetry;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * This JVM through JMX: {@code <label>.heap_used_bytes}, {@code .heap_committed_bytes}, {@code .heap_max_bytes};
 * {@code <label>.gc_count_total} and {@code .gc_seconds_total} (collections and their accumulated time, all
 * collectors); {@code <label>.heap_after_gc_bytes}: the heap right after a collection, the lowest seen in the
 * interval, recorded only in intervals that had one (the floor a leak raises); {@code <label>.available_cores}:
 * the processors this JVM may use (its CPU affinity or container quota, which can be fewer than the machine's).
 */
final class JvmSource implements Source {
  private final String label;
  private final Set<String> heapPools;
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onGc;
  private final Object lock = new Object();
  private long lowestAfterGc = Long.MAX_VALUE;

  JvmSource(String label) {
    this.label = label;
    this.heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  @Override
  public String name() {
    return "jvm " + label;
  }

  @Override
  public void sample(Recorder out) {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    out.record(label + ".heap_used_bytes", heap.getUsed());
    out.record(label + ".heap_committed_bytes", heap.getCommitted());
    if (heap.getMax() > 0) {
      out.record(label + ".heap_max_bytes", heap.getMax());
    }
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    out.record(label + ".available_cores", Runtime.getRuntime().availableProcessors());
    out.record(label + ".gc_count_total", count);
    out.record(label + ".gc_seconds_total", millis / 1000.0);
    long afterGc;
    synchronized (lock) {
      afterGc = lowestAfterGc;
      lowestAfterGc = Long.MAX_VALUE;
    }
    if (afterGc != Long.MAX_VALUE) {
      out.record(label + ".heap_after_gc_bytes", afterGc);
    }
  }

  /** Runs on the JMX notification thread: only adds up the heap pools after the collection. */
  private void onGc(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    synchronized (lock) {
      lowestAfterGc = Math.min(lowestAfterGc, used);
    }
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException alreadyGone) {
        // nothing to remove
      }
    }
  }
}
