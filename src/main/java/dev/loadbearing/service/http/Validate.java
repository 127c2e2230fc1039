package dev.loadbearing.service.http;

/** Checks on decoded request bodies; each failure is a 400 naming the field by its JSON path. */
public final class Validate {
  private Validate() {
  }

  public static <T> T required(T value, String field) {
    if (value == null) {
      throw ApiException.badRequest(field, "Field '" + field + "' is required");
    }
    return value;
  }

  public static String text(String value, String field, int minLength, int maxLength) {
    required(value, field);
    int length = value.strip().length();
    if (length < minLength || value.length() > maxLength) {
      throw ApiException.badRequest(field, "Field '" + field + "' must have " + minLength + " to " + maxLength
          + " characters (not only spaces)");
    }
    return value;
  }

  public static long range(Long value, String field, long min, long max) {
    required(value, field);
    if (value < min || value > max) {
      throw ApiException.badRequest(field, "Field '" + field + "' is " + value + " but must be from " + min
          + " to " + max);
    }
    return value;
  }

  public static int range(Integer value, String field, int min, int max) {
    return (int) range(value == null ? null : value.longValue(), field, min, max);
  }
}
