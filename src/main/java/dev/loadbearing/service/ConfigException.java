package dev.loadbearing.service;

/** A configuration value that cannot be used; the message names the key, the value and what is accepted. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String key, String value, String accepted) {
    super("Invalid value '" + value + "' for " + key + " (-D" + key + " or " + Settings.environmentName(key)
        + "): expected " + accepted + ".");
  }

  public ConfigException(String message) {
    super(message);
  }
}
