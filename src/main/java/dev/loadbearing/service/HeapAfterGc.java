package dev.loadbearing.service;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * {@code jvm_memory_heap_after_gc_bytes}: the heap in use right after the latest collection of any kind, all
 * heap pools together; what a leak raises and a collection cannot lower. The leak verdict reads its floor.
 *
 * <p>Micrometer's {@code jvm_gc_live_data_size_bytes} is not enough for that: it changes only after a full
 * collection or when a collection shrinks the old generation, so under G1 it stays 0 (or stale) until the
 * first mixed collection, which a light or short run may never see. This gauge follows every young collection
 * too, where retained objects (in the survivor spaces or already promoted) are all that is left.
 */
final class HeapAfterGc implements MeterBinder, AutoCloseable {
  static final String NAME = "jvm.memory.heap.after.gc";

  private final AtomicLong bytes = new AtomicLong(-1);
  private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
  private final List<Runnable> removals = new ArrayList<>();

  @Override
  public void bindTo(MeterRegistry registry) {
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        NotificationListener listener = (notification, handback) ->
            record(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()));
        emitter.addNotificationListener(listener, n -> GarbageCollectionNotificationInfo
            .GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType()), null);
        removals.add(() -> {
          try {
            emitter.removeNotificationListener(listener);
          } catch (ListenerNotFoundException gone) {
            // nothing to remove
          }
        });
      }
    }
    // NaN until the first collection: no value is better than a made-up 0.
    Gauge.builder(NAME, bytes, b -> b.get() < 0 ? Double.NaN : b.get()).baseUnit("bytes")
        .description("Heap used right after the latest garbage collection, all heap pools")
        .register(registry);
  }

  private void record(GarbageCollectionNotificationInfo info) {
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    bytes.set(used);
  }

  @Override
  public void close() {
    removals.forEach(Runnable::run);
  }
}
