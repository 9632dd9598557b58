package org.s3directupload.config;

/** A configuration value that cannot be used; the message always names the key. */
public class InvalidSettingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String key;

  public InvalidSettingException(Setting setting, String problem) {
    this(setting.key(), problem);
  }

  public InvalidSettingException(String key, String problem) {
    super("Invalid configuration: " + key + " " + problem, null, false, false);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
