package dev.loadbearing.service.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The randomness of one generated case, from one seed, so that any case can be generated again from its seed
 * alone ({@code -Dfuzz.seed=…}). Small helpers only: what to generate lives in the generators that use it.
 */
final class Gen {
  private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  /** Strings a parser or a database may take badly: NUL, surrogates, right-to-left, combining marks, emoji. */
  private static final List<String> AWKWARD = List.of("\u0000", "\uD83D\uDE00", "\uD800", "\uDFFF", "\u202E",
      "e\u0301", "\uFEFF", "\u00E9", "\u4E2D", "'", "\"", "\\", "%", "_", "\r\n", "\t", " ", "' OR 1=1 --", "😀");

  private final SplittableRandom random;

  Gen(long seed) {
    this.random = new SplittableRandom(seed);
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  int between(int min, int max) {
    return random.nextInt(min, max + 1);
  }

  long anyLong() {
    return random.nextLong();
  }

  <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  @SafeVarargs
  final <T> T pick(T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  String alphanumeric(int maxLength) {
    return fromAlphabet(ALPHANUMERIC, between(1, maxLength));
  }

  /** Printable ASCII, as a header value may carry it. */
  String printable(int maxLength) {
    StringBuilder text = new StringBuilder();
    int length = between(1, maxLength);
    for (int i = 0; i < length; i++) {
      text.append((char) between(0x21, 0x7E));
    }
    return text.toString();
  }

  /** Any mix of ASCII, awkward code points and random characters from the whole BMP. */
  String unicode(int maxLength) {
    StringBuilder text = new StringBuilder();
    int pieces = between(0, maxLength);
    for (int i = 0; i < pieces; i++) {
      switch (between(0, 2)) {
        case 0 -> text.append(pick(AWKWARD));
        case 1 -> text.append((char) between(0, 0xFFFF));
        default -> text.append(ALPHANUMERIC.charAt(between(0, ALPHANUMERIC.length() - 1)));
      }
    }
    return text.toString();
  }

  byte[] bytes(int maxLength) {
    byte[] bytes = new byte[between(0, maxLength)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  private String fromAlphabet(String alphabet, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
