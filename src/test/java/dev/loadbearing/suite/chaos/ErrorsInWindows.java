package dev.loadbearing.suite.chaos;

import dev.loadbearing.suite.observe.ErrorResponses.ErrorResponse;
import java.util.List;
import java.util.Locale;

/**
 * The verdict "errors only inside fault windows, each 5xx there a 503 with Retry-After": a response counts as
 * inside when the request's time overlaps a window stretched by the grace after its end.
 *
 * @param inside              error responses that overlap a window
 * @param outside             error responses that overlap none
 * @param notRetryable        5xx inside windows that are not 503, or 503 without Retry-After
 * @param firstOutside        the first error outside, for the message; null when none
 * @param firstNotRetryable   the first such 5xx, for the message; null when none
 */
public record ErrorsInWindows(long inside, long outside, long notRetryable, ErrorResponse firstOutside,
                              ErrorResponse firstNotRetryable) {

  public static ErrorsInWindows judge(List<ErrorResponse> errors, List<FaultWindow> windows, long graceMillis) {
    long inside = 0;
    long outside = 0;
    long notRetryable = 0;
    ErrorResponse firstOutside = null;
    ErrorResponse firstNotRetryable = null;
    for (ErrorResponse error : errors) {
      boolean overlaps = windows.stream().anyMatch(w -> w.overlaps(error.sentAt(), error.receivedAt(), graceMillis));
      if (!overlaps) {
        outside++;
        firstOutside = earlier(firstOutside, error);
        continue;
      }
      inside++;
      if (error.status() >= 500 && (error.status() != 503 || !error.retryAfter())) {
        notRetryable++;
        firstNotRetryable = earlier(firstNotRetryable, error);
      }
    }
    return new ErrorsInWindows(inside, outside, notRetryable, firstOutside, firstNotRetryable);
  }

  /** Null when the verdict holds, else what was found, with times from {@code origin} (epoch ms). */
  public String problem(long origin) {
    if (outside > 0) {
      return String.format(Locale.ROOT, "%d error responses outside every fault window and its grace (the first: %d "
          + "at %.1f s)", outside, firstOutside.status(), (firstOutside.receivedAt() - origin) / 1000.0);
    }
    if (notRetryable > 0) {
      return String.format(Locale.ROOT, "%d 5xx inside fault windows were not a 503 with Retry-After (the first: %d%s "
          + "at %.1f s)", notRetryable, firstNotRetryable.status(), firstNotRetryable.retryAfter() ? ""
          : " without Retry-After", (firstNotRetryable.receivedAt() - origin) / 1000.0);
    }
    return null;
  }

  private static ErrorResponse earlier(ErrorResponse first, ErrorResponse candidate) {
    return first == null || candidate.receivedAt() < first.receivedAt() ? candidate : first;
  }
}
