package dev.loadbearing.service.assistant;

/** Token counting as providers bill it, approximated by the usual rule of thumb of four characters a token. */
final class Tokens {
  private Tokens() {
  }

  static int count(String text) {
    return Math.max(1, (text.strip().length() + 3) / 4);
  }
}
