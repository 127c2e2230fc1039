package dev.loadbearing.telemetry;

import java.util.List;

/** Where a {@link Source} puts what it read; every value gets the timestamp of the current tick. */
public interface Recorder {
  /** One point of the named series; non-finite values are dropped. */
  void record(String series, double value);

  /** A one-line remark for whoever reads the run (a missing endpoint, a missing extension). Kept once. */
  void note(String message);

  /** The top statements of the run, given once by a database source when sampling ends. */
  void statements(List<TopStatement> top);
}
